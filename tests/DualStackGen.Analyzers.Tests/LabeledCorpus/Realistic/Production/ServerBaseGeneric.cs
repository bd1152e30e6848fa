using System.Net;
using System.Net.Sockets;

namespace Realistic.Framework;

/// <summary>A generic server base: the derived server chooses the endpoint, the base binds it.</summary>
public abstract class ServerBase<TSession>
    where TSession : class, new()
{
    private Socket? _socket;

    protected abstract IPEndPoint CreateEndPoint();

    public TSession Start()
    {
        IPEndPoint endPoint = CreateEndPoint();
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(endPoint);
        _socket.Listen(512);
        return new TSession();
    }
}

/// <summary>A chat server choosing the IPv4 wildcard.</summary>
public sealed class ChatServer : ServerBase<ChatSession>
{
    private readonly int _port;

    public ChatServer(int port) => _port = port;

    protected override IPEndPoint CreateEndPoint() => new IPEndPoint(IPAddress.Any, _port); // expect: DSG0002
}

/// <summary>A session of the chat server.</summary>
public sealed class ChatSession
{
    public string Name { get; set; } = "";
}
