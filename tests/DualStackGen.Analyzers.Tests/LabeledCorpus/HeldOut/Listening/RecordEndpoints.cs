using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.Records;

/// <summary>An endpoint description as a positional record, with the factory methods callers use.</summary>
public sealed record EndpointSpec(IPAddress Address, int Port)
{
    public static EndpointSpec AnyOn(int port) => new(IPAddress.Any, port); // expect: DSG0002

    public static EndpointSpec LocalOnly(int port) => new(IPAddress.Loopback, port); // expect: DSG0006

    public static EndpointSpec EveryFamily(int port) => new(IPAddress.IPv6Any, port);
}

/// <summary>A listener whose primary constructor takes the spec; dual mode on before the bind.</summary>
public sealed class SpecListener(EndpointSpec spec)
{
    public Socket Open()
    {
        var socket = new Socket(spec.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }

        socket.Bind(new IPEndPoint(spec.Address, spec.Port));
        socket.Listen();
        return socket;
    }
}

/// <summary>The places that build listeners from the factories.</summary>
public static class SpecListeners
{
    public static Socket Public(int port) => new SpecListener(EndpointSpec.AnyOn(port)).Open();

    public static Socket Admin(int port) => new SpecListener(EndpointSpec.LocalOnly(port)).Open();

    public static Socket Dual(int port) => new SpecListener(EndpointSpec.EveryFamily(port)).Open();
}
