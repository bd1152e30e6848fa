using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>The keepalive options reach every accepted socket, read back from the OS on the server's side.</summary>
public sealed class KeepAliveOptionTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Keepalive_and_its_idle_interval_and_count_are_set_on_each_accepted_socket(string loopback)
    {
        (int KeepAlive, int Time, int Interval, int Count) seen = await AcceptOneAndReadKeepAliveAsync(
            loopback,
            new TcpServerOptions { Host = "::", KeepAlive = true, KeepAliveTime = TimeSpan.FromSeconds(7), KeepAliveInterval = TimeSpan.FromSeconds(3), KeepAliveRetryCount = 4 });

        Assert.Equal((1, 7, 3, 4), seen);
    }

    [Fact]
    public async Task Without_the_option_sockets_keep_the_os_defaults_and_no_keepalive()
    {
        using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        int osTime = (int)probe.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!;

        (int KeepAlive, int Time, int Interval, int Count) seen = await AcceptOneAndReadKeepAliveAsync("::1", new TcpServerOptions { Host = "::" });

        Assert.Equal(0, seen.KeepAlive);
        Assert.Equal(osTime, seen.Time);
    }

    [Fact]
    public async Task Keepalive_settings_without_keepalive_fail_the_start_rather_than_do_nothing()
    {
        await using var runner = new TcpServerRunner("KeepAlive", new TcpServerOptions { Host = "::1", KeepAliveTime = TimeSpan.FromSeconds(30) }, static (_, _) => ValueTask.CompletedTask);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => runner.StartAsync());

        Assert.Contains("KeepAlive is false", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0)]
    [InlineData(40000)]
    public async Task A_keepalive_time_that_is_not_whole_seconds_from_1_to_32767_fails_the_start(double seconds)
    {
        await using var runner = new TcpServerRunner(
            "KeepAlive", new TcpServerOptions { Host = "::1", KeepAlive = true, KeepAliveTime = TimeSpan.FromSeconds(seconds) }, static (_, _) => ValueTask.CompletedTask);

        ArgumentOutOfRangeException error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runner.StartAsync());

        Assert.Equal(nameof(TcpServerOptions.KeepAliveTime), error.ParamName);
    }

    [Fact]
    public void The_keepalive_options_come_from_configuration()
    {
        var options = new TcpServerOptions();

        options.ApplySettings("Echo", new Dictionary<string, string?>
        {
            ["KeepAlive"] = "true",
            ["KeepAliveTime"] = "60",
            ["KeepAliveInterval"] = "10",
            ["KeepAliveRetryCount"] = "5",
        });

        Assert.True(options.KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(60), options.KeepAliveTime);
        Assert.Equal(TimeSpan.FromSeconds(10), options.KeepAliveInterval);
        Assert.Equal(5, options.KeepAliveRetryCount);
    }

    private static async Task<(int KeepAlive, int Time, int Interval, int Count)> AcceptOneAndReadKeepAliveAsync(string loopback, TcpServerOptions options)
    {
        var seen = new TaskCompletionSource<(int, int, int, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var runner = new TcpServerRunner("KeepAlive", options, (connection, _) =>
        {
            Socket socket = connection.Socket;
            seen.TrySetResult((
                (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!,
                (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!,
                (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!,
                (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!));
            return ValueTask.CompletedTask;
        });
        await runner.StartAsync();
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.Parse(loopback), runner.LocalEndPoints[0].Port);
        return await seen.Task.WaitAsync(Loopback.Timeout);
    }
}
