using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Listening;

public sealed class DualStackServingTests
{
    [Theory]
    [InlineData("::", ListenMode.DualStack)]
    [InlineData("::", ListenMode.Auto)]
    [InlineData("*", ListenMode.Auto)]
    public async Task A_wildcard_server_is_one_dual_stack_socket_serving_both_loopbacks(string host, ListenMode mode)
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = host, Mode = mode });

        Socket socket = Assert.Single(listeners.Sockets);
        Assert.Equal(AddressFamily.InterNetworkV6, socket.AddressFamily);
        Assert.Equal(0, Loopback.V6Only(socket));
        Assert.NotEqual(0, listeners.Port);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, listeners.Port), Assert.Single(listeners.LocalEndPoints));

        IPEndPoint ipv4Client = await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.Loopback, listeners.Port);
        IPEndPoint ipv6Client = await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.IPv6Loopback, listeners.Port);

        Assert.True(ipv4Client.Address.IsIPv4MappedToIPv6, "a dual-stack socket reports IPv4 peers as mapped addresses");
        Assert.Equal($"127.0.0.1:{ipv4Client.Port}", ipv4Client.ToDisplayString());
        Assert.Equal(IPAddress.Loopback, ipv4Client.Normalize().Address);
        Assert.Equal($"[::1]:{ipv6Client.Port}", ipv6Client.ToDisplayString());
    }

    [Fact]
    public async Task The_bound_endpoints_are_logged()
    {
        var logger = new RecordingLogger();

        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "localhost", Logger = logger });

        string listening = Assert.Single(logger.MessagesAt(Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.Equal($"Listening on 127.0.0.1:{listeners.Port}, [::1]:{listeners.Port} (host \"localhost\", mode Auto)", listening);
    }
}
