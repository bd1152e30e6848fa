using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Production;

/// <summary>
/// <see cref="ServerOptions.ReusePort"/> on real loopback sockets: two servers share a port only when both ask for it;
/// by default the second fails to bind, for TCP and for UDP (where .NET's ReuseAddress would set SO_REUSEPORT too).
/// </summary>
public sealed class ReusePortTests
{
    private static readonly TcpConnectionHandler Echo =
        static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken));

    private static readonly UdpDatagramHandler UdpEcho =
        static (datagram, cancellationToken) => datagram.ReplyAsync(datagram.Payload, cancellationToken);

    [Fact]
    public async Task Two_tcp_servers_with_ReusePort_listen_on_one_port_and_both_serve()
    {
        await using var first = new TcpServerHost("First", new TcpServerOptions { Host = "localhost", ReusePort = true });
        await first.StartAsync(Echo);
        int port = first.LocalEndPoints[0].Port;
        await using var second = new TcpServerHost("Second", new TcpServerOptions { Host = "localhost", Port = port, ReusePort = true });
        await second.StartAsync(Echo);

        Assert.Equal(port, second.LocalEndPoints[0].Port);
        await first.StopAsync();

        // The port stays served by the second alone.
        Assert.Equal(SocketError.Success, await Loopback.TryConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.Success, await Loopback.TryConnectAsync(IPAddress.IPv6Loopback, port));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_second_tcp_server_fails_to_bind_unless_both_set_ReusePort(bool firstReuses, bool secondReuses)
    {
        await using var first = new TcpServerHost("First", new TcpServerOptions { Host = "127.0.0.1", Mode = ListenMode.Auto, ReusePort = firstReuses });
        await first.StartAsync(Echo);
        int port = first.LocalEndPoints[0].Port;
        await using var second = new TcpServerHost("Second", new TcpServerOptions { Host = "127.0.0.1", Mode = ListenMode.Auto, Port = port, ReusePort = secondReuses });

        ListenException error = await Assert.ThrowsAsync<ListenException>(() => second.StartAsync(Echo));

        Assert.Equal(SocketError.AddressAlreadyInUse, Assert.Single(error.Attempts).Error);
    }

    [Fact]
    public async Task Two_udp_servers_with_ReusePort_bind_one_port()
    {
        await using var first = new UdpServerHost("First", new UdpServerOptions { Host = "localhost", ReusePort = true });
        await first.StartAsync(UdpEcho);
        int port = first.LocalEndPoints[0].Port;
        await using var second = new UdpServerHost("Second", new UdpServerOptions { Host = "localhost", Port = port, ReusePort = true });
        await second.StartAsync(UdpEcho);

        Assert.Equal(port, second.LocalEndPoints[0].Port);
    }

    [Fact]
    public async Task A_second_udp_server_without_ReusePort_fails_to_bind()
    {
        await using var first = new UdpServerHost("First", new UdpServerOptions { Host = "localhost" });
        await first.StartAsync(UdpEcho);
        int port = first.LocalEndPoints[0].Port;
        await using var second = new UdpServerHost("Second", new UdpServerOptions { Host = "localhost", Port = port });

        ListenException error = await Assert.ThrowsAsync<ListenException>(() => second.StartAsync(UdpEcho));

        Assert.Contains(error.Attempts, attempt => attempt.Error == SocketError.AddressAlreadyInUse);
    }

    [Fact]
    public async Task The_listener_sets_SO_REUSEPORT_only_when_asked_while_dotnets_ReuseAddress_on_udp_sets_it_as_a_side_effect()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "SO_REUSEPORT is read by its Linux option number.");

        // What .NET does (the reason the runtime never touches ReuseAddress): on Linux, ReuseAddress on a UDP socket
        // sets SO_REUSEPORT as well, so two such sockets share a port without anyone asking for it.
        using (var dotnetSocket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            dotnetSocket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            Assert.Equal(1, ReusePortOf(dotnetSocket));
        }

        await using UdpListenerSet byDefault = await DualStackListener.BindUdpAsync(new ListenOptions { Host = "localhost" });
        Assert.All(byDefault.Sockets, socket => Assert.Equal(0, ReusePortOf(socket)));
        await using UdpListenerSet sharing = await DualStackListener.BindUdpAsync(new ListenOptions { Host = "localhost", ReusePort = true });
        Assert.All(sharing.Sockets, socket => Assert.Equal(1, ReusePortOf(socket)));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" False ", false)]
    public void ReusePort_comes_from_configuration(string value, bool expected)
    {
        var options = new TcpServerOptions();
        Assert.Empty(options.ApplySettings("EchoServer", [new KeyValuePair<string, string?>("reuseport", value)]));
        Assert.Equal(expected, options.ReusePort);
    }

    [Fact]
    public void A_bad_ReusePort_value_names_the_full_key()
    {
        var options = new UdpServerOptions();
        FormatException error = Assert.Throws<FormatException>(() => options.ApplySettings("Udp", [new KeyValuePair<string, string?>("ReusePort", "yes")]));
        Assert.Equal("Configuration value Udp:ReusePort = \"yes\" is not valid: ReusePort is true or false.", error.Message);
    }

    // SOL_SOCKET, SO_REUSEPORT on Linux.
    private static int ReusePortOf(Socket socket)
    {
        byte[] value = new byte[4];
        socket.GetRawSocketOption(1, 15, value);
        return BitConverter.ToInt32(value);
    }
}
