using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Realistic.Game;

/// <summary>A thread-per-connection TCP transport on TcpListener.Create (dual mode where the OS has IPv6).</summary>
public sealed class TelepathyServer
{
    private readonly ConcurrentDictionary<int, TcpClient> _clients = new();
    private TcpListener? _listener;
    private int _counter;

    public bool NoDelay { get; set; } = true;

    public void Listen(int port)
    {
        _listener = TcpListener.Create(port);
        _listener.Server.NoDelay = NoDelay;
        _listener.Start();
        var thread = new Thread(AcceptLoop) { IsBackground = true };
        thread.Start();
    }

    private void AcceptLoop()
    {
        while (true)
        {
            TcpClient client = _listener!.AcceptTcpClient();
            client.NoDelay = NoDelay;
            int id = Interlocked.Increment(ref _counter);
            _clients[id] = client;
        }
    }

    public string GetClientAddress(int connectionId)
    {
        if (_clients.TryGetValue(connectionId, out TcpClient? client) && client.Client.RemoteEndPoint is IPEndPoint endPoint)
        {
            return endPoint.Address.ToString();
        }

        return "";
    }
}

/// <summary>The client: connects by name.</summary>
public sealed class TelepathyClient
{
    private TcpClient? _client;

    public void Connect(string ip, int port)
    {
        _client = new TcpClient { NoDelay = true };
        _client.Connect(ip, port);
    }
}
