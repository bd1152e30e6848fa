using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests;

public sealed class DualStackHelperTests
{
    [Fact]
    public async Task CreateTcpListener_serves_both_loopbacks_on_one_dual_mode_socket()
    {
        TcpListener listener = DualStack.CreateTcpListener(0);
        listener.Start();
        try
        {
            Assert.Equal(AddressFamily.InterNetworkV6, listener.Server.AddressFamily);
            Assert.Equal(0, Loopback.V6Only(listener.Server));
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var timeout = new CancellationTokenSource(Loopback.Timeout);
            foreach (IPAddress address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
            {
                using var client = new TcpClient(address.AddressFamily);
                await client.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
                using Socket accepted = await listener.AcceptSocketAsync(timeout.Token);
                Assert.Equal(address, ((IPEndPoint)accepted.RemoteEndPoint!).Normalize().Address);
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task CreateUdpClient_receives_from_both_loopbacks()
    {
        using UdpClient server = DualStack.CreateUdpClient(0);
        Assert.Equal(0, Loopback.V6Only(server.Client));
        int port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        foreach (IPAddress address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using var client = new UdpClient(address.AddressFamily);
            await client.SendAsync(new byte[] { 1, 2 }, new IPEndPoint(address, port), timeout.Token);
            UdpReceiveResult received = await server.ReceiveAsync(timeout.Token);
            Assert.Equal(address, received.RemoteEndPoint.Normalize().Address);
            Assert.Equal(new byte[] { 1, 2 }, received.Buffer);
        }
    }

    [Fact]
    public void CreateSocket_is_an_unbound_ipv6_socket_with_v6only_0()
    {
        using Socket socket = DualStack.CreateSocket(SocketType.Stream, ProtocolType.Tcp);

        Assert.Equal(AddressFamily.InterNetworkV6, socket.AddressFamily);
        Assert.Equal(0, Loopback.V6Only(socket));
        Assert.Null(socket.LocalEndPoint);
        Assert.Equal(IPAddress.IPv6Any, DualStack.AnyAddress);
    }
}
