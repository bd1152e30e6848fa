using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Metrics;
using DualStackGen.Runtime.Tests.Serving;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Pipeline;

/// <summary>
/// The PROXY step on real loopback sockets, with headers written by hand: believed from a trusted proxy (the handler
/// sees the client, the bytes after the header arrive intact), refused and counted from anyone else, and refused with
/// a reason when truncated, late or oversized.
/// </summary>
public sealed class ProxyProtocolStepTests
{
    private static readonly IPEndPoint Client = IPEndPoint.Parse("[2001:db8::7]:51514");
    private static readonly IPEndPoint Frontend = IPEndPoint.Parse("192.0.2.1:443");
    private static readonly IPEndPoint Frontend6 = IPEndPoint.Parse("[2001:db8::1]:443");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_header_from_a_trusted_proxy_is_believed_and_the_bytes_after_it_reach_the_handler_intact(int version)
    {
        await using ProxiedServer server = await ProxiedServer.StartAsync(ProxyProtocolMode.Required, "127.0.0.0/8");
        IPEndPoint client = version == 1 ? IPEndPoint.Parse("192.0.2.7:40001") : Client;
        IPEndPoint frontend = version == 1 ? Frontend : Frontend6;
        byte[] header = version == 1 ? ProxyHeaders.V1(client, frontend) : ProxyHeaders.V2(client, frontend, false, (0x02, "example.test"u8.ToArray()));

        using TcpClientConnection proxy = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        await proxy.Socket.SendAsync((byte[])[.. header, .. "hello"u8]);

        Assert.True("hello" == await proxy.ReceiveAsync(5), string.Join("\n", server.Logger.MessagesAt(LogLevel.Debug)));
        Seen seen = await server.NextAsync();
        Assert.Equal(client, seen.Remote);
        Assert.Equal(proxy.LocalEndPoint, seen.Proxy);
        Assert.Equal(version, seen.Header!.Version);
        Assert.Equal(frontend, seen.Header.DestinationEndPoint);
        Assert.Equal(version == 2 ? "example.test" : null, seen.Header.Authority);
        Assert.Contains(server.Logger.MessagesAt(LogLevel.Debug), m => m.Contains($"from proxy {proxy.LocalEndPoint} is {client}", StringComparison.Ordinal));
        Assert.Contains(server.Logger.MessagesAt(LogLevel.Debug), m => m.Contains($"from {client} to ", StringComparison.Ordinal) && m.EndsWith(" opened", StringComparison.Ordinal));
        await server.Measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsAccepted) == 1, "the accepted connection");
        Assert.Equal("ipv" + (version == 1 ? "4" : "6"), Assert.Single(server.Measurements.Of(ServerMetricNames.ConnectionsAccepted)).Tag(ServerMetricNames.NetworkTypeTag));
    }

    [Fact]
    public async Task A_header_sent_a_byte_at_a_time_is_read_whole_and_nothing_after_it_is_taken()
    {
        await using ProxiedServer server = await ProxiedServer.StartAsync(ProxyProtocolMode.Required, "127.0.0.1/32");
        byte[] header = ProxyHeaders.V2(Client, Frontend6);

        using TcpClientConnection proxy = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        foreach (byte b in header)
        {
            await proxy.Socket.SendAsync(new[] { b });
            await Task.Delay(1);
        }

        Assert.Equal("after", await proxy.EchoAsync("after"));
        Assert.Equal(Client, (await server.NextAsync()).Remote);
    }

    [Fact]
    public async Task A_header_from_an_untrusted_peer_is_refused_and_counted_the_same_header_from_a_trusted_one_is_believed()
    {
        // Trusted: 127.0.0.1 only. ::1 is another peer, however local.
        await using ProxiedServer server = await ProxiedServer.StartAsync(ProxyProtocolMode.Optional, "127.0.0.1/32");
        byte[] header = ProxyHeaders.V1(IPEndPoint.Parse("192.0.2.7:40001"), Frontend);

        using (TcpClientConnection untrusted = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, server.Port))
        {
            await untrusted.Socket.SendAsync((byte[])[.. header, .. "hello"u8]);
            Assert.True(await untrusted.ServerClosedAsync());
        }

        using TcpClientConnection trusted = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        await trusted.Socket.SendAsync((byte[])[.. header, .. "hello"u8]);
        Assert.Equal("hello", await trusted.ReceiveAsync(5));

        Assert.Equal(IPEndPoint.Parse("192.0.2.7:40001"), (await server.NextAsync()).Remote);
        await server.Measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected) == 1, "the refused connection");
        ServerMeasurement rejected = Assert.Single(server.Measurements.Of(ServerMetricNames.ConnectionsRejected));
        Assert.Equal(ProxyProtocolStep.UntrustedHeaderReason, rejected.Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Equal("ipv6", rejected.Tag(ServerMetricNames.NetworkTypeTag));
    }

    [Fact]
    public async Task In_required_mode_an_untrusted_peer_is_refused_without_reading_and_in_optional_mode_served_as_itself()
    {
        await using (ProxiedServer required = await ProxiedServer.StartAsync(ProxyProtocolMode.Required, "10.0.0.0/8"))
        {
            using TcpClientConnection peer = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, required.Port);
            Assert.True(await peer.ServerClosedAsync());
            await required.Measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected, ServerMetricNames.ErrorTypeTag, ProxyProtocolStep.UntrustedPeerReason) == 1, "the untrusted peer");
        }

        await using ProxiedServer optional = await ProxiedServer.StartAsync(ProxyProtocolMode.Optional, "127.0.0.1/32");
        using TcpClientConnection direct = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, optional.Port);
        Assert.Equal("GET /", await direct.EchoAsync("GET /"));
        using TcpClientConnection trustedWithoutHeader = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, optional.Port);
        Assert.Equal("GET /", await trustedWithoutHeader.EchoAsync("GET /"));
        Seen first = await optional.NextAsync();
        Seen second = await optional.NextAsync();
        Assert.Equal(direct.LocalEndPoint, first.Remote);
        Assert.Null(first.Proxy);
        Assert.Equal(trustedWithoutHeader.LocalEndPoint, second.Remote);
        Assert.Null(second.Header);
    }

    [Fact]
    public async Task A_local_header_keeps_the_proxys_address()
    {
        await using ProxiedServer server = await ProxiedServer.StartAsync(ProxyProtocolMode.Required, "::1/128");

        using TcpClientConnection proxy = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, server.Port);
        await proxy.Socket.SendAsync(ProxyHeaders.V2(null, null, local: true));
        Assert.Equal("ping", await proxy.EchoAsync("ping"));

        Seen seen = await server.NextAsync();
        Assert.Equal(proxy.LocalEndPoint, seen.Remote);
        Assert.Equal(proxy.LocalEndPoint, seen.Proxy);
        Assert.True(seen.Header!.IsLocal);
    }

    public static TheoryData<string, byte[], bool, string> Refusals() => new()
    {
        { "truncated v1, then closed", Encoding.ASCII.GetBytes("PROXY TCP4 192.0.2.7 "), true, ProxyProtocolStep.TruncatedReason },
        { "truncated v2, then closed", ProxyHeaders.V2(Client, Frontend6)[..20], true, ProxyProtocolStep.TruncatedReason },
        { "truncated v2, then silent", ProxyHeaders.V2(Client, Frontend6)[..20], false, ProxyProtocolStep.TimeoutReason },
        { "silent", [], false, ProxyProtocolStep.TimeoutReason },
        { "no header", "GET / HTTP/1.1\r\n"u8.ToArray(), false, ProxyProtocolStep.MissingReason },
        { "malformed v1", Encoding.ASCII.GetBytes("PROXY TCP4 192.0.2.7 ::1 1 2\r\n"), false, ProxyHeaderParser.InvalidReason },
        { "oversized v2", ProxyHeaders.Raw(0x21, 0x11, new byte[12 + ProxyProtocolOptions.DefaultMaxTlvBytes + 1]), false, ProxyHeaderParser.TooLongReason },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_header_from_a_trusted_proxy_closes_the_connection_with_a_counted_reason(string name, byte[] bytes, bool closeAfter, string reason)
    {
        await using ProxiedServer server = await ProxiedServer.StartAsync(ProxyProtocolMode.Required, "127.0.0.1/32", TimeSpan.FromMilliseconds(300));

        using TcpClientConnection proxy = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        if (bytes.Length > 0)
        {
            await proxy.Socket.SendAsync(bytes);
        }

        if (closeAfter)
        {
            proxy.Socket.Shutdown(SocketShutdown.Send);
        }

        Assert.True(await proxy.ServerClosedAsync(), name);
        await server.Measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected) == 1, name);
        Assert.Equal(reason, Assert.Single(server.Measurements.Of(ServerMetricNames.ConnectionsRejected)).Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Equal(0, server.Handled);
        Assert.Contains(server.Logger.MessagesAt(LogLevel.Debug), m => m.EndsWith("refused by ProxyProtocolStep: " + reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_optional_mode_a_stalled_signature_prefix_is_held_only_until_the_header_timeout()
    {
        // "\r\n" could be the start of a v2 signature or a client's own bytes: they stay unread, and the wait is bounded.
        await using ProxiedServer server = await ProxiedServer.StartAsync(ProxyProtocolMode.Optional, "127.0.0.1/32", TimeSpan.FromMilliseconds(300));

        using TcpClientConnection proxy = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        await proxy.SendAsync("\r\n");

        Assert.True(await proxy.ServerClosedAsync());
        await server.Measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected, ServerMetricNames.ErrorTypeTag, ProxyProtocolStep.TimeoutReason) == 1, "the stalled connection");
        Assert.Equal(0, server.Handled);
    }

    [Fact]
    public async Task The_proxied_client_address_is_what_the_allow_and_deny_lists_judge()
    {
        await using ProxiedServer server = await ProxiedServer.StartAsync(ProxyProtocolMode.Required, "127.0.0.1/32", configure: options => options.DeniedNetworks.Add(IPNetwork.Parse("192.0.2.0/24")));

        using TcpClientConnection denied = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        await denied.Socket.SendAsync(ProxyHeaders.V1(IPEndPoint.Parse("192.0.2.7:40001"), Frontend));
        Assert.True(await denied.ServerClosedAsync());
        using TcpClientConnection allowed = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        await allowed.Socket.SendAsync(ProxyHeaders.V1(IPEndPoint.Parse("198.51.100.7:40001"), Frontend));
        Assert.Equal("x", await allowed.EchoAsync("x"));

        await server.Measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected) == 1, "the denied client");
        Assert.Equal(AddressRules.DeniedReason, Assert.Single(server.Measurements.Of(ServerMetricNames.ConnectionsRejected)).Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Contains(server.Logger.MessagesAt(LogLevel.Debug), m => m.EndsWith("from 192.0.2.7:40001 refused by AddressFilterStep: address_denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_per_address_limit_counts_each_client_and_not_the_proxy()
    {
        // Every connection comes from the proxy's 127.0.0.1; only the headers tell the clients apart.
        await using ProxiedServer server = await ProxiedServer.StartAsync(ProxyProtocolMode.Required, "127.0.0.0/8", configure: static options => options.MaxConnectionsPerAddress = 1);
        IPEndPoint first = IPEndPoint.Parse("192.0.2.7:40001");
        IPEndPoint second = IPEndPoint.Parse("192.0.2.8:40002");

        using TcpClientConnection firstClient = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        await firstClient.Socket.SendAsync(ProxyHeaders.V1(first, Frontend));
        Assert.Equal("one", await firstClient.EchoAsync("one"));
        using TcpClientConnection secondClient = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        await secondClient.Socket.SendAsync(ProxyHeaders.V1(second, Frontend));
        Assert.Equal("two", await secondClient.EchoAsync("two"));

        using TcpClientConnection firstAgain = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.Port);
        await firstAgain.Socket.SendAsync((byte[])[.. ProxyHeaders.V1(IPEndPoint.Parse("192.0.2.7:40003"), Frontend), .. "three"u8]);
        Assert.True(await firstAgain.ServerClosedAsync(), "a second connection of client 192.0.2.7 is closed unserved");

        await server.Measurements.WaitUntilAsync(
            m => m.Sum(ServerMetricNames.ConnectionsRejected, ServerMetricNames.ErrorTypeTag, ServerMetricNames.MaxConnectionsPerAddressErrorType) == 1,
            "the refusal counted as max_connections_per_address");
        Assert.Equal(2, server.Handled);
        Assert.Equal("still", await secondClient.EchoAsync("still"));
    }

    [Theory]
    [InlineData(ProxyProtocolMode.Required)]
    [InlineData(ProxyProtocolMode.Optional)]
    public async Task Turning_the_proxy_protocol_on_without_a_trusted_proxy_fails_the_start(ProxyProtocolMode mode)
    {
        var options = new TcpServerOptions { Host = "::1" };
        options.ProxyProtocol.Mode = mode;
        await using var server = new TcpServerRunner("NoTrust", options, static (_, _) => ValueTask.CompletedTask);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => server.StartAsync());
        Assert.Contains("TrustedProxies is empty", error.Message, StringComparison.Ordinal);
    }

    internal sealed record Seen(IPEndPoint Remote, IPEndPoint? Proxy, ProxyHeader? Header);

    private sealed class ProxiedServer : IAsyncDisposable
    {
        private readonly TcpServerHost _host;
        private readonly System.Threading.Channels.Channel<Seen> _seen = System.Threading.Channels.Channel.CreateUnbounded<Seen>();
        private int _handled;

        private ProxiedServer(TcpServerHost host, ServerMeasurements measurements, RecordingLogger logger)
        {
            _host = host;
            Measurements = measurements;
            Logger = logger;
        }

        public ServerMeasurements Measurements { get; }

        public RecordingLogger Logger { get; }

        public int Port => _host.LocalEndPoints[0].Port;

        public int Handled => Volatile.Read(ref _handled);

        public static async Task<ProxiedServer> StartAsync(ProxyProtocolMode mode, string trusted, TimeSpan? headerTimeout = null, Action<TcpServerOptions>? configure = null)
        {
            string name = ServerMeasurements.UniqueServerName("Proxy");
            var logger = new RecordingLogger();
            var options = new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Logger = logger };
            options.ProxyProtocol.Mode = mode;
            options.ProxyProtocol.TrustedProxies.Add(IPNetwork.Parse(trusted));
            options.ProxyProtocol.HeaderTimeout = headerTimeout ?? Loopback.Timeout;
            configure?.Invoke(options);
            var server = new ProxiedServer(new TcpServerHost(name, options), new ServerMeasurements(name), logger);
            await server._host.StartAsync(async (connection, cancellationToken) =>
            {
                Interlocked.Increment(ref server._handled);
                server._seen.Writer.TryWrite(new Seen(connection.RemoteEndPoint, connection.ProxyEndPoint, connection.ProxyHeader));
                await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
            });
            return server;
        }

        public async Task<Seen> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Loopback.Timeout);
            return await _seen.Reader.ReadAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _host.DisposeAsync();
            Measurements.Dispose();
        }
    }
}
