using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Game;

/// <summary>A game transport: a socket per family, peers keyed by the endpoint a datagram came from.</summary>
public sealed class NetManager
{
    private readonly Dictionary<IPEndPoint, NetPeer> _peers = new();
    private readonly byte[] _buffer = new byte[1500];
    private Socket? _udp4;
    private Socket? _udp6;

    public bool IPv6Enabled { get; set; } = true;

    public int PeersCount => _peers.Count;

    public bool Start(int port)
    {
        _udp4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _udp4.Bind(new IPEndPoint(IPAddress.Any, port));
        if (IPv6Enabled && Socket.OSSupportsIPv6)
        {
            _udp6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            _udp6.DualMode = false;
            _udp6.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        }

        return true;
    }

    public void PollEvents()
    {
        Poll(_udp4);
        Poll(_udp6);
    }

    private void Poll(Socket? socket)
    {
        if (socket is null || socket.Available == 0)
        {
            return;
        }

        EndPoint from = socket.AddressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(IPAddress.Any, 0)
            : new IPEndPoint(IPAddress.IPv6Any, 0);
        int length = socket.ReceiveFrom(_buffer, ref from);
        var remote = (IPEndPoint)from;
        if (!_peers.TryGetValue(remote, out NetPeer? peer))
        {
            peer = new NetPeer(remote);
            _peers.Add(remote, peer);
            Console.WriteLine($"[NM] new peer {remote}");
        }

        peer.OnReceived(length);
    }

    public void SendTo(NetPeer peer, byte[] data)
    {
        Socket? socket = peer.EndPoint.AddressFamily == AddressFamily.InterNetwork ? _udp4 : _udp6;
        socket?.SendTo(data, peer.EndPoint);
    }
}

/// <summary>A remote player.</summary>
public sealed class NetPeer
{
    public NetPeer(IPEndPoint endPoint) => EndPoint = endPoint;

    public IPEndPoint EndPoint { get; }

    public long BytesReceived { get; private set; }

    public void OnReceived(int length) => BytesReceived += length;

    public override string ToString() => EndPoint.ToString();
}
