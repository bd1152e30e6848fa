using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace HeldOut.Peers.Broker;

public sealed class BrokerOptions
{
    public int Port { get; set; } = 1883;

    public string AdminAddress { get; set; } = "127.0.0.1";
}

/// <summary>A broker session exposing the peer the way client libraries do: an endpoint and its address.</summary>
public sealed class ClientSession
{
    public ClientSession(Socket socket)
    {
        Socket = socket;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint;
    }

    public Socket Socket { get; }

    public IPEndPoint? RemoteEndPoint { get; }

    public IPAddress? RemoteIPAddress => RemoteEndPoint?.Address;

    public string Id => $"{RemoteEndPoint}";
}

/// <summary>A dual-mode broker granting admin rights to a configured address compared as text.</summary>
public sealed class MessageBroker
{
    private readonly BrokerOptions _options;

    public MessageBroker(BrokerOptions options) => _options = options;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TcpListener listener = TcpListener.Create(_options.Port);
        listener.Start();
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket = await listener.AcceptSocketAsync(cancellationToken);
            var session = new ClientSession(socket);
            Console.WriteLine($"client {session.RemoteEndPoint} connected as {session.Id}");
            if (session.RemoteIPAddress?.ToString() == _options.AdminAddress) // expect: DSG0004
            {
                Grant(session);
            }
        }
    }

    private static void Grant(ClientSession session) => Console.WriteLine($"admin session {session.Id}");
}
