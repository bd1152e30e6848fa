using System;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using DualStackGen.Generator.Tests.Support;
using static DualStackGen.Generator.Tests.Support.LoopbackClient;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>
/// Generated servers compiled in memory, started on port 0 and talked to over 127.0.0.1 and ::1. The servers take
/// a recording callback through a constructor of their own, so every test also covers user constructors.
/// </summary>
public sealed class GeneratedServerRunTests
{
    private static readonly Lazy<Assembly> UserAssembly = new(() => CompiledUserCode.Load("""
        using System;
        using System.IO;
        using System.Net.Sockets;
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        namespace UserCode;

        [TcpServer("::", 0, Mode = ListenMode.DualStack)]
        public partial class RecordingEchoServer
        {
            private readonly Action<string> _record;

            public RecordingEchoServer(Action<string> record) => _record = record;

            private async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
            {
                string remote = connection.RemoteEndPoint.ToString();
                _record("connected " + remote);
                var buffer = new byte[256];
                try
                {
                    int read;
                    while ((read = await connection.Stream.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        if (buffer[0] == (byte)'!')
                        {
                            throw new InvalidOperationException("The client asked for a failure.");
                        }

                        await connection.Stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }
                catch (OperationCanceledException)
                {
                    _record("cancelled " + remote);
                    throw;
                }
            }
        }

        [UdpServer("::", 0)]
        public partial class RecordingUdpEcho
        {
            private readonly Action<string> _record;

            public RecordingUdpEcho(Action<string> record) => _record = record;

            private async Task OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken)
            {
                _record($"from {datagram.RemoteEndPoint} to {datagram.LocalAddress}");
                await datagram.ReplyAsync(datagram.Payload, cancellationToken);
            }
        }

        [TcpServer("::", 0, Mode = ListenMode.DualStack)]
        public partial class StubbornServer
        {
            private readonly Action<string> _record;

            public StubbornServer(Action<string> record) => _record = record;

            // Ignores the stop's cancellation: only closing the connection ends it.
            private async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
            {
                _record("connected");
                try
                {
                    await connection.Stream.ReadAsync(new byte[1]);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                }

                _record("ended");
            }
        }

        [TcpServer("localhost", 0)]
        public partial class Greeter
        {
            private static Task OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
                => connection.Stream.WriteAsync(new byte[] { (byte)'h', (byte)'i' }, cancellationToken).AsTask();
        }
        """));

    [Fact]
    public async Task Tcp_server_echoes_over_both_loopbacks_and_the_handler_sees_normalized_endpoints()
    {
        var records = Channel.CreateUnbounded<string>();
        await using var server = new GeneratedServer(UserAssembly.Value, "UserCode.RecordingEchoServer", (Action<string>)(line => records.Writer.TryWrite(line)));
        Assert.False(server.IsRunning);
        Assert.Empty(server.LocalEndPoints);

        await server.StartAsync();

        Assert.True(server.IsRunning);
        Assert.NotEqual(0, server.Port);
        foreach (IPAddress loopback in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using Socket client = await ConnectAsync(loopback, server.Port);
            Assert.Equal("connected " + client.LocalEndPoint, await NextAsync(records));
            await SendAsync(client, "echo me");
            Assert.Equal("echo me", await ReceiveAsync(client, "echo me".Length));
        }

        await server.StopAsync();
        Assert.False(server.IsRunning);
        Assert.Empty(server.LocalEndPoints);
    }

    [Fact]
    public async Task Stopping_with_open_connections_cancels_the_handlers_and_closes_the_connections()
    {
        var records = Channel.CreateUnbounded<string>();
        await using var server = new GeneratedServer(UserAssembly.Value, "UserCode.RecordingEchoServer", (Action<string>)(line => records.Writer.TryWrite(line)));
        await server.StartAsync();
        using Socket ipv4 = await ConnectAsync(IPAddress.Loopback, server.Port);
        using Socket ipv6 = await ConnectAsync(IPAddress.IPv6Loopback, server.Port);
        await NextAsync(records);
        await NextAsync(records);

        await server.StopAsync();

        string[] cancelled = [await NextAsync(records), await NextAsync(records)];
        Assert.Equivalent(new[] { "cancelled " + ipv4.LocalEndPoint, "cancelled " + ipv6.LocalEndPoint }, cancelled);
        await AssertClosedAsync(ipv4);
        await AssertClosedAsync(ipv6);
    }

    [Fact]
    public async Task A_throwing_handler_ends_its_connection_only()
    {
        var records = Channel.CreateUnbounded<string>();
        await using var server = new GeneratedServer(UserAssembly.Value, "UserCode.RecordingEchoServer", (Action<string>)(line => records.Writer.TryWrite(line)));
        await server.StartAsync();

        using (Socket failing = await ConnectAsync(IPAddress.Loopback, server.Port))
        {
            await SendAsync(failing, "!");
            await AssertClosedAsync(failing);
        }

        using Socket next = await ConnectAsync(IPAddress.IPv6Loopback, server.Port);
        await SendAsync(next, "still serving");
        Assert.Equal("still serving", await ReceiveAsync(next, "still serving".Length));
        Assert.True(server.IsRunning);
    }

    [Fact]
    public async Task Starting_twice_without_stopping_throws_and_a_stopped_server_starts_again()
    {
        await using var server = new GeneratedServer(UserAssembly.Value, "UserCode.RecordingEchoServer", (Action<string>)(_ => { }));
        await server.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);
        await server.StopAsync();
        await server.StartAsync();

        Assert.True(server.IsRunning);
        using Socket client = await ConnectAsync(IPAddress.Loopback, server.Port);
        await SendAsync(client, "again");
        Assert.Equal("again", await ReceiveAsync(client, "again".Length));
    }

    [Fact]
    public async Task Every_stop_call_waits_for_the_stop_in_progress_and_a_restart_waits_for_its_sockets_to_close()
    {
        var records = Channel.CreateUnbounded<string>();
        await using var server = new GeneratedServer(UserAssembly.Value, "UserCode.StubbornServer", (Action<string>)(line => records.Writer.TryWrite(line)));
        server.Options<TcpServerOptions>().StopTimeout = TimeSpan.FromMilliseconds(300);
        await server.StartAsync();
        int port = server.Port;
        using Socket client = await ConnectAsync(IPAddress.Loopback, port);
        Assert.Equal("connected", await NextAsync(records));

        Task firstStop = server.StopAsync();
        Task secondStop = server.StopAsync();
        server.Options<TcpServerOptions>().Port = port;
        Task restart = server.StartAsync();

        // The handler ignores cancellation, so the stop lasts until StopTimeout force-closes its connection; neither
        // the second stop nor the restart on the same port may finish before the first stop has.
        await secondStop;
        Assert.True(firstStop.IsCompleted);
        await restart;
        Assert.True(firstStop.IsCompleted);
        await firstStop;
        Assert.Equal("ended", await NextAsync(records));
        Assert.Equal(port, server.Port);
        Assert.True(server.IsRunning);
    }

    [Fact]
    public async Task Options_can_be_changed_before_starting()
    {
        await using var server = new GeneratedServer(UserAssembly.Value, "UserCode.RecordingEchoServer", (Action<string>)(_ => { }));
        TcpServerOptions options = server.Options<TcpServerOptions>();
        Assert.Equal(("::", 0, ListenMode.DualStack), (options.Host, options.Port, options.Mode));

        options.Host = "127.0.0.1";
        options.Mode = ListenMode.Auto;
        await server.StartAsync();

        Assert.Equal(IPAddress.Loopback, Assert.Single(server.LocalEndPoints).Address);
    }

    [Fact]
    public async Task Static_task_handler_serves_both_loopbacks()
    {
        await using var server = new GeneratedServer(UserAssembly.Value, "UserCode.Greeter");
        await server.StartAsync();

        Assert.Equal(2, server.LocalEndPoints.Count);
        foreach (IPAddress loopback in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using Socket client = await ConnectAsync(loopback, server.Port);
            Assert.Equal("hi", await ReceiveAsync(client, 2));
        }
    }

    [Fact]
    public async Task Udp_server_echoes_over_both_loopbacks_and_the_handler_sees_normalized_addresses()
    {
        var records = Channel.CreateUnbounded<string>();
        await using var server = new GeneratedServer(UserAssembly.Value, "UserCode.RecordingUdpEcho", (Action<string>)(line => records.Writer.TryWrite(line)));
        await server.StartAsync();

        foreach (IPAddress loopback in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using var timeout = new CancellationTokenSource(WaitLimit);
            using var client = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            client.Bind(new IPEndPoint(loopback, 0));
            await client.SendToAsync(Encoding.UTF8.GetBytes("ping"), new IPEndPoint(loopback, server.Port), timeout.Token);

            byte[] reply = new byte[64];
            SocketReceiveFromResult received = await client.ReceiveFromAsync(reply, new IPEndPoint(loopback.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0), timeout.Token);

            Assert.Equal("ping", Encoding.UTF8.GetString(reply, 0, received.ReceivedBytes));
            Assert.Equal(new IPEndPoint(loopback, server.Port), received.RemoteEndPoint);
            Assert.Equal($"from {client.LocalEndPoint} to {loopback}", await NextAsync(records));
        }
    }
}
