using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Listening;

public sealed class TcpListenerSetTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("::")]
    public async Task A_cancelled_accept_loses_no_connection(string host)
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = host });
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await listeners.AcceptAsync(cancellation.Token));
        }

        IPEndPoint seen = await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.IPv6Loopback, listeners.Port);

        Assert.Equal(IPAddress.IPv6Loopback, seen.Address);
    }

    [Fact]
    public async Task Connections_waiting_on_both_sockets_are_all_handed_out()
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "localhost" });
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        var clients = new Socket[6];
        for (int i = 0; i < clients.Length; i++)
        {
            IPAddress address = i % 2 == 0 ? IPAddress.Loopback : IPAddress.IPv6Loopback;
            clients[i] = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await clients[i].ConnectAsync(new IPEndPoint(address, listeners.Port), timeout.Token);
        }

        int ipv4 = 0, ipv6 = 0;
        for (int i = 0; i < clients.Length; i++)
        {
            using Socket accepted = await listeners.AcceptAsync(timeout.Token);
            _ = accepted.AddressFamily == AddressFamily.InterNetwork ? ipv4++ : ipv6++;
        }

        Assert.Equal((3, 3), (ipv4, ipv6));
        foreach (Socket client in clients)
        {
            client.Dispose();
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("::")]
    public async Task Disposing_ends_a_pending_accept_and_closes_the_sockets(string host)
    {
        TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = host });
        int port = listeners.Port;
        ValueTask<Socket> pending = listeners.AcceptAsync();

        await listeners.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pending);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await listeners.AcceptAsync());
        Assert.Equal(SocketError.ConnectionRefused, await Loopback.TryConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, await Loopback.TryConnectAsync(IPAddress.IPv6Loopback, port));
    }

    [Fact]
    public async Task Overlapping_accepts_are_refused()
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "localhost" });
        using var cancellation = new CancellationTokenSource();
        ValueTask<Socket> first = listeners.AcceptAsync(cancellation.Token);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await listeners.AcceptAsync());

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await first);
    }
}
