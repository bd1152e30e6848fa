using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Listening;

public sealed class UdpListenerSetTests
{
    [Fact]
    public async Task A_dual_stack_udp_socket_receives_from_both_loopbacks_and_replies()
    {
        await using UdpListenerSet sockets = await DualStackListener.BindUdpAsync(new ListenOptions { Host = "::" });
        Socket server = Assert.Single(sockets.Sockets);
        Assert.Equal(0, Loopback.V6Only(server));

        Assert.Equal("127.0.0.1", await RoundTripAsync(server, IPAddress.Loopback, sockets.Port));
        Assert.Equal("::1", await RoundTripAsync(server, IPAddress.IPv6Loopback, sockets.Port));
    }

    [Fact]
    public async Task Localhost_udp_is_two_sockets_on_one_port()
    {
        await using UdpListenerSet sockets = await DualStackListener.BindUdpAsync(new ListenOptions { Host = "localhost" });

        Assert.Equal(["127.0.0.1", "[::1] v6only=1"], sockets.Sockets.Select(Loopback.Describe));
        Assert.Equal(sockets.LocalEndPoints[0].Port, sockets.LocalEndPoints[1].Port);
        Assert.Equal("127.0.0.1", await RoundTripAsync(sockets.Sockets[0], IPAddress.Loopback, sockets.Port));
        Assert.Equal("::1", await RoundTripAsync(sockets.Sockets[1], IPAddress.IPv6Loopback, sockets.Port));
    }

    /// <returns>The sender's address as the server saw it, normalized.</returns>
    private static async Task<string> RoundTripAsync(Socket server, IPAddress clientAddress, int port)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        using var client = new Socket(clientAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(clientAddress, 0));
        await client.SendToAsync(new byte[] { 7 }, new IPEndPoint(clientAddress, port), timeout.Token);

        byte[] buffer = new byte[16];
        EndPoint anySender = server.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        SocketReceiveFromResult received = await server.ReceiveFromAsync(buffer, anySender, timeout.Token);
        await server.SendToAsync(new byte[] { 8 }, received.RemoteEndPoint, timeout.Token);
        Assert.Equal(1, await client.ReceiveAsync(buffer, timeout.Token));
        Assert.Equal(8, buffer[0]);

        var sender = (IPEndPoint)received.RemoteEndPoint;
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, sender.Port);
        return sender.Normalize().Address.ToString();
    }
}
