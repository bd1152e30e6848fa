using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Listening;

/// <summary>
/// What DSG0009 and its page rest on: .NET creates every <c>InterNetworkV6</c> socket IPv6-only (it sets IPV6_V6ONLY=1
/// itself on Unix, and Windows defaults to it), whatever <c>net.ipv6.bindv6only</c> says, so <c>[::]</c> without
/// <c>DualMode = true</c> never serves IPv4 clients; only the family-less constructor and <c>TcpListener.Create</c> turn
/// dual mode on.
/// </summary>
public sealed class IPv6SocketDefaultTests
{
    [Fact]
    public void A_new_InterNetworkV6_socket_is_IPv6_only_whatever_the_kernel_default()
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        using var listener = new TcpListener(IPAddress.IPv6Any, 0);
        using var udp = new UdpClient(AddressFamily.InterNetworkV6);

        foreach (Socket created in new[] { socket, listener.Server, udp.Client })
        {
            Assert.False(created.DualMode);
            Assert.Equal(1, Loopback.V6Only(created));
        }

        // Where the kernel would make sockets dual-stack by default, the 1 above can only be .NET's own choice.
        const string KernelDefault = "/proc/sys/net/ipv6/bindv6only";
        if (File.Exists(KernelDefault))
        {
            TestContext.Current.SendDiagnosticMessage($"net.ipv6.bindv6only = {File.ReadAllText(KernelDefault).Trim()}");
        }
    }

    [Fact]
    public void The_family_less_socket_and_TcpListener_Create_are_dual_mode()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using TcpListener listener = TcpListener.Create(0);

        Assert.Equal(AddressFamily.InterNetworkV6, socket.AddressFamily);
        Assert.True(socket.DualMode);
        Assert.Equal(0, Loopback.V6Only(socket));
        Assert.True(listener.Server.DualMode);
        Assert.Equal(0, Loopback.V6Only(listener.Server));
    }

    [Fact]
    public void A_TcpListener_restarted_after_Stop_gets_a_new_IPv6_only_socket()
    {
        TcpListener listener = TcpListener.Create(0);
        listener.Start();
        listener.Stop();
        listener.Start();
        try
        {
            Assert.False(listener.Server.DualMode);
            Assert.Equal(1, Loopback.V6Only(listener.Server));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_bound_IPv6_wildcard_refuses_an_IPv4_client_unless_DualMode_is_set()
    {
        // 127.0.0.1 on that port is held unlistened, so only the IPv6 socket could accept an IPv4 client there.
        using Socket ipv4Side = Loopback.HoldUnlistenedPort(IPAddress.Loopback, out int ipv6OnlyPort);
        using var ipv6Only = ListeningOnIPv6Any(dualMode: null, ipv6OnlyPort);

        Assert.Equal(SocketError.ConnectionRefused, await Loopback.TryConnectAsync(IPAddress.Loopback, ipv6OnlyPort));
        Assert.Equal(SocketError.Success, await Loopback.TryConnectAsync(IPAddress.IPv6Loopback, ipv6OnlyPort));

        using var dualMode = ListeningOnIPv6Any(dualMode: true);
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)dualMode.LocalEndPoint!).Port), timeout.Token);
        using Socket accepted = await dualMode.AcceptAsync(timeout.Token);

        Assert.Equal(IPAddress.Loopback.MapToIPv6(), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    private static Socket ListeningOnIPv6Any(bool? dualMode, int port = 0)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (dualMode is { } value)
            {
                socket.DualMode = value;
            }

            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            socket.Listen();
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
