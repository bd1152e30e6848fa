using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Production;

/// <summary>
/// <see cref="ServerHost{TOptions, THandler}.RunAsync"/>: serves until a signal or the token, then stops gracefully.
/// Signals are delivered through the process-wide handler as the OS would call it (the process tests send real
/// SIGTERMs to the samples); the tests of this class run one at a time, since a signal reaches every RunAsync.
/// </summary>
public sealed class RunAsyncTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static readonly TcpConnectionHandler Echo =
        static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken));

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGQUIT)]
    public async Task A_signal_stops_every_running_server_gracefully_and_a_second_one_is_left_to_its_default(PosixSignal signal)
    {
        var logs = new RecordingLogger();
        await using var tcp = new TcpServerHost("Tcp", new TcpServerOptions { Host = "localhost", Logger = logs });
        await using var udp = new UdpServerHost("Udp", new UdpServerOptions { Host = "localhost" });
        Task runningTcp = tcp.RunAsync(Echo);
        Task runningUdp = udp.RunAsync(static (datagram, cancellationToken) => datagram.ReplyAsync(datagram.Payload, cancellationToken));
        await WaitUntilAsync(() => tcp.IsRunning && udp.IsRunning);
        int port = tcp.LocalEndPoints[0].Port;
        using Socket client = await ConnectAsync(port);

        Assert.True(ShutdownSignals.Deliver(signal));
        Assert.False(ShutdownSignals.Deliver(signal));

        await Task.WhenAll(runningTcp, runningUdp).WaitAsync(Wait);
        Assert.False(tcp.IsRunning);
        Assert.False(udp.IsRunning);
        Assert.Equal(0, await client.ReceiveAsync(new byte[1]));
        Assert.Contains($"Tcp: {signal} received; stopping (handlers get up to 00:00:05)", logs.MessagesAt(LogLevel.Information));
        Assert.Contains("Tcp: stopped", logs.MessagesAt(LogLevel.Information));

        // No RunAsync runs any more: a signal now keeps its default action.
        Assert.False(ShutdownSignals.Deliver(signal));
    }

    [Fact]
    public async Task The_token_stops_the_server_and_RunAsync_returns_without_error()
    {
        var logs = new RecordingLogger();
        await using var server = new TcpServerHost("Tcp", new TcpServerOptions { Host = "localhost", Logger = logs });
        using var stop = new CancellationTokenSource();
        Task running = server.RunAsync(Echo, stop.Token);
        await WaitUntilAsync(() => server.IsRunning);
        int port = server.LocalEndPoints[0].Port;

        stop.Cancel();

        await running.WaitAsync(Wait);
        Assert.NotEqual(SocketError.Success, await Loopback.TryConnectAsync(IPAddress.Loopback, port));
        Assert.Contains("Tcp: stop requested by the caller's token; stopping (handlers get up to 00:00:05)", logs.MessagesAt(LogLevel.Information));
    }

    [Fact]
    public async Task A_token_cancelled_before_the_start_returns_without_listening()
    {
        await using var server = new TcpServerHost("Tcp", new TcpServerOptions { Host = "localhost" });

        await server.RunAsync(Echo, new CancellationToken(canceled: true)).WaitAsync(Wait);

        Assert.False(server.IsRunning);
    }

    [Fact]
    public async Task A_start_that_fails_throws_from_RunAsync()
    {
        await using var server = new TcpServerHost("Tcp", new TcpServerOptions { Host = "0.0.0.0", Mode = ListenMode.IPv6Only });

        await Assert.ThrowsAsync<ArgumentException>(() => server.RunAsync(Echo));
        Assert.False(ShutdownSignals.Deliver(PosixSignal.SIGTERM));
    }

    [Fact]
    public async Task Ready_is_sent_once_every_server_started_together_listens_and_stopping_once_at_the_stop()
    {
        var sent = new System.Collections.Concurrent.ConcurrentQueue<(string State, bool TcpRunning, bool UdpRunning)>();
        await using var tcp = new TcpServerHost("Tcp", new TcpServerOptions { Host = "localhost" });
        await using var udp = new UdpServerHost("Udp", new UdpServerOptions { Host = "localhost" });
        Action<string, string> send = ServiceReadiness.Sender;
        ServiceReadiness.Reset();
        ServiceReadiness.Sender = (address, state) => sent.Enqueue((address + " " + state, tcp.IsRunning, udp.IsRunning));
        Environment.SetEnvironmentVariable(SystemdNotify.SocketVariable, "@dsg-test");
        try
        {
            using var stop = new CancellationTokenSource();
            Task running = Task.WhenAll(
                tcp.RunAsync(Echo, stop.Token),
                udp.RunAsync(static (datagram, cancellationToken) => datagram.ReplyAsync(datagram.Payload, cancellationToken), stop.Token));
            await WaitUntilAsync(() => !sent.IsEmpty);
            stop.Cancel();
            await running.WaitAsync(Wait);

            // READY=1 came when both listened (the first start must not report the process ready alone), and once.
            var messages = sent.ToArray();
            Assert.Equal(2, messages.Length);
            Assert.Equal(("@dsg-test READY=1", true, true), messages[0]);
            Assert.Equal("@dsg-test STOPPING=1", messages[1].State);
        }
        finally
        {
            Environment.SetEnvironmentVariable(SystemdNotify.SocketVariable, null);
            ServiceReadiness.Sender = send;
            ServiceReadiness.Reset();
        }
    }

    [Fact]
    public void Notifications_reach_a_path_and_an_abstract_namespace_socket()
    {
        string name = "dsg-notify-" + Guid.NewGuid().ToString("N");
        using var abstractSocket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        abstractSocket.Bind(new UnixDomainSocketEndPoint("\0" + name));
        SystemdNotify.Send("@" + name, "READY=1");
        Assert.Equal("READY=1", Receive(abstractSocket));

        string path = Path.Combine(Path.GetTempPath(), name + ".sock");
        using var pathSocket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        pathSocket.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            SystemdNotify.Send(path, "STOPPING=1");
            Assert.Equal("STOPPING=1", Receive(pathSocket));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<ArgumentException>(() => SystemdNotify.Send("relative/path", "READY=1"));
        Assert.Throws<SocketException>(() => SystemdNotify.Send("@" + name + "-nobody", "READY=1"));
    }

    private static string Receive(Socket socket)
    {
        socket.ReceiveTimeout = 10_000;
        byte[] buffer = new byte[64];
        return Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer));
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await client.SendAsync(Encoding.UTF8.GetBytes("x"));
        Assert.Equal(1, await client.ReceiveAsync(new byte[1]));
        return client;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
