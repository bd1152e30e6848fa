using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace HeldOut.Listening.Generic;

public abstract class Session
{
    public abstract Task HandleAsync(byte[] datagram, EndPoint from);
}

/// <summary>A generic UDP server base: the derived class chooses the endpoint, the base creates and binds the socket.</summary>
public abstract class UdpServerBase<TSession>
    where TSession : Session, new()
{
    private Socket? _socket;

    protected abstract IPEndPoint CreateEndPoint();

    public virtual void OnStart()
    {
        IPEndPoint endPoint = CreateEndPoint();
        _socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(endPoint);
        _ = Task.Run(ReceiveAsync);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[2048];
        var session = new TSession();
        while (_socket is { } socket)
        {
            SocketReceiveFromResult result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.IPv6Any, 0));
            await session.HandleAsync(buffer[..result.ReceivedBytes], result.RemoteEndPoint);
        }
    }
}

public sealed class MetricsSession : Session
{
    public override Task HandleAsync(byte[] datagram, EndPoint from) => Task.CompletedTask;
}

/// <summary>[::] chosen by the derived server, bound by the base without dual mode: IPv4 senders are lost.</summary>
public sealed class MetricsServer : UdpServerBase<MetricsSession>
{
    protected override IPEndPoint CreateEndPoint() => new(IPAddress.IPv6Any, 8125); // expect: DSG0009
}

/// <summary>A health-check server on the IPv4 loopback only.</summary>
public sealed class HealthServer : UdpServerBase<MetricsSession>
{
    protected override IPEndPoint CreateEndPoint() => new(IPAddress.Loopback, 8126); // expect: DSG0006
}
