using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace HeldOut.Listening.Capability;

/// <summary>The family chosen by what the OS supports: dual mode where IPv6 exists, IPv4 where it does not.</summary>
public static class ListenSocketFactory
{
    public static Socket CreateListener(int port)
    {
        Socket socket;
        IPAddress any;
        if (Socket.OSSupportsIPv6)
        {
            socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.DualMode = true;
            any = IPAddress.IPv6Any;
        }
        else
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            any = IPAddress.Any;
        }

        socket.Bind(new IPEndPoint(any, port));
        socket.Listen();
        return socket;
    }

    public static UdpClient CreateUdp(int port) => Socket.OSSupportsIPv6
        ? new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } }
        : new UdpClient(AddressFamily.InterNetwork);
}

/// <summary>A telemetry agent that opens its listener inside the task it starts.</summary>
public sealed class TelemetryAgent
{
    private readonly int _port;

    public TelemetryAgent(int port) => _port = port;

    public Task RunAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        var listener = new TcpListener(IPAddress.Any, _port); // expect: DSG0002
        listener.Start();
        while (!cancellationToken.IsCancellationRequested)
        {
            using TcpClient client = await listener.AcceptTcpClientAsync(cancellationToken);
        }
    }, cancellationToken);

    public static Func<int, UdpClient> UdpFactory { get; } = port => new UdpClient(port); // expect: DSG0002
}

/// <summary>A control socket that is IPv4-only by an explicit operator switch.</summary>
public sealed class ControlPort
{
    public bool UseIPv6 { get; set; } = true;

    public Socket Open(int port)
    {
        Socket socket;
        if (UseIPv6)
        {
            socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        }
        else
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
        }

        socket.Listen();
        return socket;
    }
}
