using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary><see cref="UdpServerOptions.ReceiveBufferSize"/> on real sockets: what the kernel then reports, and what is logged.</summary>
public sealed class UdpReceiveBufferTests
{
    [Fact]
    public async Task Each_socket_gets_the_receive_buffer_asked_for_and_the_grant_is_logged()
    {
        const int Requested = 65536;
        var logger = new RecordingLogger();
        await using var runner = new UdpServerRunner("RcvBuf", new UdpServerOptions { Host = "::", Mode = ListenMode.SeparateSockets, ReceiveBufferSize = Requested, Logger = logger }, static (_, _) => default);
        await runner.StartAsync();

        Assert.Equal(2, runner.Sockets.Count);
        int expected = OperatingSystem.IsLinux() ? 2 * Math.Min(Requested, RmemMax()) : Requested;
        string[] logged = logger.MessagesAt(LogLevel.Information).Where(m => m.Contains("receive buffer", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, logged.Length);
        for (int i = 0; i < runner.Sockets.Count; i++)
        {
            int granted = (int)runner.Sockets[i].GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer)!;
            Assert.Equal(expected, granted);
            Assert.Contains($"RcvBuf: receive buffer of {runner.LocalEndPoints[i]} is {granted} bytes, for {Requested} asked", logged[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_request_above_rmem_max_is_capped_by_linux_with_a_warning_naming_the_limit()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("net.core.rmem_max is Linux's.");
        }

        int rmemMax = RmemMax();
        int requested = (int)Math.Min(2L * rmemMax, ServerOptionLimits.MaxReceiveBufferSize);
        var logger = new RecordingLogger();
        await using var runner = new UdpServerRunner("RcvBufCapped", new UdpServerOptions { Host = "127.0.0.1", ReceiveBufferSize = requested, Logger = logger }, static (_, _) => default);
        await runner.StartAsync();

        int granted = (int)Assert.Single(runner.Sockets).GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer)!;
        Assert.Equal(2 * rmemMax, granted);
        Assert.Equal(
            $"RcvBufCapped: receive buffer of {runner.LocalEndPoints[0]} is {granted} bytes, less than the {requested} asked: Linux caps the request at net.core.rmem_max ({rmemMax} bytes); raise it with sysctl for more",
            Assert.Single(logger.MessagesAt(LogLevel.Warning)));
    }

    [Fact]
    public async Task Without_the_option_the_os_default_stays_and_nothing_is_logged()
    {
        var logger = new RecordingLogger();
        await using var runner = new UdpServerRunner("RcvBufDefault", new UdpServerOptions { Host = "127.0.0.1", Logger = logger }, static (_, _) => default);
        await runner.StartAsync();
        using var fresh = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        Assert.Equal(fresh.ReceiveBufferSize, Assert.Single(runner.Sockets).ReceiveBufferSize);
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("receive buffer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1023)]
    [InlineData(1073741824)]
    public async Task A_size_out_of_range_fails_the_start_naming_the_option(int size)
    {
        await using var runner = new UdpServerRunner("RcvBufBad", new UdpServerOptions { Host = "127.0.0.1", ReceiveBufferSize = size }, static (_, _) => default);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runner.StartAsync());

        Assert.Equal(nameof(UdpServerOptions.ReceiveBufferSize), error.ParamName);
    }

    [Fact]
    public void The_configuration_key_sets_it_and_a_bad_value_names_the_full_key_and_the_range()
    {
        var options = new UdpServerOptions();

        Assert.Empty(options.ApplySettings("UdpEcho", Settings("262144")));
        Assert.Equal(262144, options.ReceiveBufferSize);

        FormatException error = Assert.Throws<FormatException>(() => options.ApplySettings("Servers:UdpEcho", Settings("512")));
        Assert.Equal("Configuration value Servers:UdpEcho:receivebuffersize = \"512\" is not valid: a whole number of bytes from 1024 to 1073741823, the size of each socket's receive buffer.", error.Message);
        Assert.Equal(["S:receivebuffersize"], new TcpServerOptions().ApplySettings("S", Settings("65536")));
    }

    private static KeyValuePair<string, string?>[] Settings(string value) => [new("receivebuffersize", value)];

    private static int RmemMax() => int.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max").Trim(), CultureInfo.InvariantCulture);
}
