using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Peers.Registry;

/// <summary>A socket-server library's session: the peer kept as text, the way many libraries expose it.</summary>
public sealed class AppSession
{
    public AppSession(Socket socket)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        RemoteIP = remote.Address.ToString();
        RemotePort = remote.Port;
    }

    public string RemoteIP { get; }

    public int RemotePort { get; }
}

/// <summary>A blacklist of address text from the server's configuration file.</summary>
public sealed class Blacklist
{
    private readonly List<string> _entries = new() { "198.51.100.7", "198.51.100.8" };

    public bool Rejects(AppSession session) => _entries.Contains(session.RemoteIP); // expect: DSG0004
}

public sealed class AppServer
{
    private readonly Blacklist _blacklist = new();
    private readonly Dictionary<string, AppSession> _sessions = new();
    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);

    public void Start(int port)
    {
        _listener.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        _listener.Listen(100);
    }

    public void AcceptOne()
    {
        var session = new AppSession(_listener.Accept());
        if (_blacklist.Rejects(session))
        {
            return;
        }

        _sessions[session.RemoteIP + ":" + session.RemotePort] = session;
    }
}
