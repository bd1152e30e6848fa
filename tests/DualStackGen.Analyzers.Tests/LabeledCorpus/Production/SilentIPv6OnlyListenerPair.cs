using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Labeled.Silent.IPv6OnlyPair;

/// <summary>One listener per wildcard of a written list, each kept IPv6-only: no peer is mapped, so bans compare as text.</summary>
public sealed class LobbyServer
{
    private readonly HashSet<string> _bans = new() { "203.0.113.5" };

    public LobbyServer(int port)
    {
        var endpoints = new List<IPEndPoint> { new IPEndPoint(IPAddress.IPv6Any, port), new IPEndPoint(IPAddress.Any, port) };
        foreach (IPEndPoint endpoint in endpoints)
        {
            var listener = new TcpListener(endpoint);
            listener.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, 1);
            listener.Start();
            _ = AcceptAsync(listener);
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        Socket peer = await listener.AcceptSocketAsync();
        string address = ((IPEndPoint)peer.RemoteEndPoint!).Address.ToString();
        if (_bans.Contains(address))
        {
            peer.Dispose();
        }
    }
}
