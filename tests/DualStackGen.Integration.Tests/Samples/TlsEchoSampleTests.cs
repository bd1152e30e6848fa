using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Samples;

/// <summary>
/// samples/TlsEcho: a PEM certificate from configuration, validating clients over 127.0.0.1 and ::1 with ALPN, the
/// handler's log line showing the negotiated session; a plaintext client closed; a missing file naming its key.
/// </summary>
public sealed class TlsEchoSampleTests
{
    [Fact]
    public async Task Clients_on_both_loopbacks_echo_over_TLS_and_the_log_shows_each_session()
    {
        await using TlsEchoSample sample = await TlsEchoSample.StartAsync();

        foreach ((IPAddress address, string display) in new[] { (IPAddress.Loopback, "127.0.0.1"), (IPAddress.IPv6Loopback, "[::1]") })
        {
            (int clientPort, SslApplicationProtocol protocol) = await TlsEchoSample.EchoAsync(address, sample.Port, "over TLS from " + display);
            Assert.Equal("echo", protocol.ToString());
            string line = await sample.Program.WaitForLineAsync(
                l => l.Contains($"] {display}:{clientPort} connected: ", StringComparison.Ordinal),
                $"for the client {display}:{clientPort}");
            Assert.Matches(@"connected: Tls1[23] \S+ alpn=echo sni=localhost$", line);
        }

        await sample.Program.InterruptExpectingCleanExitAsync();
    }

    [Fact]
    public async Task A_plaintext_client_is_closed_and_the_server_keeps_serving()
    {
        await using TlsEchoSample sample = await TlsEchoSample.StartAsync();

        int plaintextPort = await ExpectClosedAsync(sample.Port);
        (int clientPort, _) = await TlsEchoSample.EchoAsync(IPAddress.IPv6Loopback, sample.Port, "after the plaintext client");
        string line = await sample.Program.WaitForLineAsync(l => l.Contains(" connected: ", StringComparison.Ordinal), "for the TLS client");
        Assert.Contains($"[::1]:{clientPort} connected", line, StringComparison.Ordinal);
        Assert.DoesNotContain($":{plaintextPort} ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_certificate_stops_the_host_naming_the_file_and_the_key()
    {
        string missing = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dualstackgen-absent-{Guid.NewGuid():N}.pem");
        await using RunningProgram host = RunningProgram.Start("TlsEcho", "--TlsEchoServer:Port=0", $"--TlsEchoServer:Tls:Certificate:Path={missing}");

        await host.WaitForLineAsync(
            line => line.Contains($"The TLS certificate file \"{missing}\" (configuration key TlsEchoServer:Tls:Certificate:Path) does not exist", StringComparison.Ordinal),
            "naming the missing file and its key");
        Assert.NotEqual(0, await host.WaitForExitAsync());
    }

    private static async Task<int> ExpectClosedAsync(int port)
    {
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        await socket.SendAsync("hello in plaintext\n"u8.ToArray(), SocketFlags.None, timeout.Token);
        try
        {
            Assert.Equal(0, await socket.ReceiveAsync(new byte[64], SocketFlags.None, timeout.Token));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
        }

        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
