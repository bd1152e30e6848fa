using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Listening;

public sealed class ListenModeTests
{
    [Fact]
    public async Task Localhost_on_port_0_is_two_sockets_on_the_same_port()
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "localhost", Port = 0 });

        Assert.Equal(["127.0.0.1", "[::1] v6only=1"], listeners.Sockets.Select(Loopback.Describe));
        Assert.All(listeners.LocalEndPoints, endPoint => Assert.Equal(listeners.Port, endPoint.Port));
        Assert.Equal("127.0.0.1", (await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.Loopback, listeners.Port)).Address.ToString());
        Assert.Equal("::1", (await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.IPv6Loopback, listeners.Port)).Address.ToString());
    }

    [Fact]
    public async Task Separate_sockets_are_one_per_family_with_v6only_read_back_as_1()
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "::", Mode = ListenMode.SeparateSockets });

        Assert.Equal(["[::] v6only=1", "0.0.0.0"], listeners.Sockets.Select(Loopback.Describe));
        Assert.All(listeners.LocalEndPoints, endPoint => Assert.Equal(listeners.Port, endPoint.Port));
        IPEndPoint ipv4Client = await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.Loopback, listeners.Port);
        IPEndPoint ipv6Client = await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.IPv6Loopback, listeners.Port);
        Assert.Equal(AddressFamily.InterNetwork, ipv4Client.AddressFamily);
        Assert.Equal(IPAddress.IPv6Loopback, ipv6Client.Address);
    }

    [Fact]
    public async Task IPv6Only_refuses_an_ipv4_client()
    {
        // 127.0.0.1 on the listener's port is held unlistened, so only the listener could accept an IPv4 client there.
        using Socket ipv4Side = Loopback.HoldUnlistenedPort(IPAddress.Loopback, out int port);
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "::", Port = port, Mode = ListenMode.IPv6Only });

        Assert.Equal(["[::] v6only=1"], listeners.Sockets.Select(Loopback.Describe));
        Assert.Equal(SocketError.ConnectionRefused, await Loopback.TryConnectAsync(IPAddress.Loopback, listeners.Port));
        Assert.Equal(IPAddress.IPv6Loopback, (await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.IPv6Loopback, listeners.Port)).Address);
    }

    [Fact]
    public async Task IPv4Only_refuses_an_ipv6_client()
    {
        using Socket ipv6Side = Loopback.HoldUnlistenedPort(IPAddress.IPv6Loopback, out int port);
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "::", Port = port, Mode = ListenMode.IPv4Only });

        Assert.Equal(["0.0.0.0"], listeners.Sockets.Select(Loopback.Describe));
        Assert.Equal(SocketError.ConnectionRefused, await Loopback.TryConnectAsync(IPAddress.IPv6Loopback, listeners.Port));
        Assert.Equal(IPAddress.Loopback, (await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.Loopback, listeners.Port)).Address);
    }

    [Theory]
    [InlineData("0.0.0.0", ListenMode.Auto, "0.0.0.0")]
    [InlineData("0.0.0.0", ListenMode.IPv4Only, "0.0.0.0")]
    [InlineData("127.0.0.1", ListenMode.Auto, "127.0.0.1")]
    [InlineData("::1", ListenMode.Auto, "[::1] v6only=1")]
    [InlineData("[::1]", ListenMode.IPv6Only, "[::1] v6only=1")]
    [InlineData("::ffff:127.0.0.1", ListenMode.IPv4Only, "127.0.0.1")]
    [InlineData("localhost", ListenMode.IPv4Only, "127.0.0.1")]
    [InlineData("localhost", ListenMode.IPv6Only, "[::1] v6only=1")]
    public async Task A_literal_is_bound_exactly(string host, ListenMode mode, string expected)
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = host, Mode = mode });

        Assert.Equal([expected], listeners.Sockets.Select(Loopback.Describe));
    }

    [Theory]
    [InlineData("0.0.0.0", ListenMode.IPv6Only, "excludes IPv4")]
    [InlineData("0.0.0.0", ListenMode.DualStack, "cannot serve both families")]
    [InlineData("127.0.0.1", ListenMode.SeparateSockets, "cannot serve both families")]
    [InlineData("::1", ListenMode.IPv4Only, "excludes IPv6")]
    [InlineData("[::1]", ListenMode.DualStack, "cannot serve both families")]
    [InlineData("::ffff:127.0.0.1", ListenMode.IPv6Only, "excludes IPv4")]
    public async Task A_host_mode_contradiction_is_a_clear_error(string host, ListenMode mode, string reason)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => DualStackListener.ListenTcpAsync(new ListenOptions { Host = host, Mode = mode }));

        Assert.Contains($"\"{host}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains($"ListenMode.{mode}", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(70000)]
    public async Task A_port_outside_the_range_is_rejected_with_its_value(int port)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => DualStackListener.ListenTcpAsync(new ListenOptions { Host = "::", Port = port }));

        Assert.Contains($"Port {port} is outside 0–65535", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolve_timeout_beyond_what_a_timer_can_hold_is_rejected_by_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => DualStackListener.ListenTcpAsync(new ListenOptions { Host = "service.test", ResolveTimeout = TimeSpan.FromDays(100) }));

        Assert.Contains("ListenOptions.ResolveTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_start_binds_nothing()
    {
        using Socket occupier = BindFailureTests.ListenOn(IPAddress.Loopback, 0, v6Only: null);
        int port = ((IPEndPoint)occupier.LocalEndPoint!).Port;
        occupier.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => DualStackListener.ListenTcpAsync(new ListenOptions { Host = "127.0.0.1", Port = port }, new System.Threading.CancellationToken(canceled: true)));

        Assert.Equal(SocketError.ConnectionRefused, await Loopback.TryConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Bad_host_text_is_rejected_before_any_socket_is_made()
    {
        var error = await Assert.ThrowsAsync<FormatException>(
            () => DualStackListener.ListenTcpAsync(new ListenOptions { Host = "1.2.3" }));

        Assert.Contains("\"1.2.3\"", error.Message, StringComparison.Ordinal);
    }
}
