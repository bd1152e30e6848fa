using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using HeldOut.Listening.Configuration;

namespace HeldOut.Listening.NameServer;

/// <summary>A DNS server's listen addresses, read from its configuration file as "address:port" endpoints.</summary>
public sealed class DnsServerConfig
{
    private static readonly string[] DefaultListen = { "0.0.0.0:53" }; // expect: DSG0002

    public DnsServerConfig(IAppConfiguration configuration)
    {
        List<string> configured = configuration.GetList("Dns:Listen").ToList();
        IEnumerable<string> listen = configured.Count > 0 ? configured : DefaultListen;
        ListenOn = listen.Select(IPEndPoint.Parse).ToList();
    }

    public IReadOnlyList<IPEndPoint> ListenOn { get; }
}

/// <summary>Opens a UDP socket and a TCP listener on each configured endpoint.</summary>
public sealed class DnsServer
{
    private readonly List<Socket> _udpSockets = new();
    private readonly List<TcpListener> _tcpListeners = new();

    public void Start(DnsServerConfig config)
    {
        foreach (IPEndPoint endPoint in config.ListenOn)
        {
            var udp = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(endPoint);
            _udpSockets.Add(udp);
            _ = Task.Run(() => ReceiveLoopAsync(udp));

            var tcp = new TcpListener(endPoint);
            tcp.Start(64);
            _tcpListeners.Add(tcp);
        }
    }

    private static async Task ReceiveLoopAsync(Socket udp)
    {
        var buffer = new byte[512];
        EndPoint any = udp.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            SocketReceiveFromResult received = await udp.ReceiveFromAsync(buffer, SocketFlags.None, any);
            await udp.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, received.RemoteEndPoint);
        }
    }
}
