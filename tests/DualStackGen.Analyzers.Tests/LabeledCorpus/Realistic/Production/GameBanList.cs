using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Game;

/// <summary>A dual-mode game server whose ban list holds parsed IPv4 addresses.</summary>
public sealed class BanningServer
{
    private readonly HashSet<IPAddress> _banned = new();
    private readonly Dictionary<IPEndPoint, int> _sessions = new();
    private readonly Socket _socket;

    public BanningServer(IEnumerable<string> bans, int port)
    {
        foreach (string ban in bans)
        {
            _banned.Add(IPAddress.Parse(ban));
        }

        _socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
    }

    public void ReceiveOne(byte[] buffer)
    {
        EndPoint from = new IPEndPoint(IPAddress.IPv6Any, 0);
        _socket.ReceiveFrom(buffer, ref from);
        var remote = (IPEndPoint)from;
        if (_banned.Contains(remote.Address)) // expect: DSG0004
        {
            return;
        }

        _sessions[remote] = _sessions.TryGetValue(remote, out int count) ? count + 1 : 1;
    }
}
