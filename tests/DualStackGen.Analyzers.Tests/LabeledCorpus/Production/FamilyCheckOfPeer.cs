using System.Net;
using System.Net.Sockets;

namespace Labeled.PeerFamily;

public sealed class Session
{
    public Session(TcpClient client) => Peer = (IPEndPoint)client.Client.RemoteEndPoint!;

    public IPEndPoint Peer { get; }
}

/// <summary>The session's peer checked against InterNetwork.</summary>
public static class SessionStats
{
    public static bool IsIPv4(Session session) => session.Peer.AddressFamily == AddressFamily.InterNetwork; // expect: DSG0004
}
