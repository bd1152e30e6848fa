using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Hosting;

/// <summary>The user's own Kestrel-like builder: endpoints are collected, then one host binds them all.</summary>
public sealed class ServerBuilder
{
    private readonly List<IPEndPoint> _endPoints = new();

    public IReadOnlyList<IPEndPoint> EndPoints => _endPoints;

    public ServerBuilder Listen(IPAddress address, int port)
    {
        _endPoints.Add(new IPEndPoint(address, port));
        return this;
    }

    public ServerBuilder ListenAnyIP(int port) => Listen(IPAddress.Any, port); // expect: DSG0002

    public ServerBuilder ListenLocalhost(int port) => Listen(IPAddress.Loopback, port).Listen(IPAddress.IPv6Loopback, port);

    public ServerHost Build() => new ServerHost(_endPoints);
}

/// <summary>Binds every endpoint the builder collected.</summary>
public sealed class ServerHost
{
    private readonly IReadOnlyList<IPEndPoint> _endPoints;
    private readonly List<TcpListener> _listeners = new();

    public ServerHost(IReadOnlyList<IPEndPoint> endPoints) => _endPoints = endPoints;

    public void Start()
    {
        foreach (IPEndPoint endPoint in _endPoints)
        {
            var listener = new TcpListener(endPoint);
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                listener.Server.DualMode = true;
            }

            listener.Start();
            _listeners.Add(listener);
        }
    }
}

/// <summary>The application's startup code.</summary>
public static class Startup
{
    public static ServerHost Configure(int port, int adminPort) =>
        new ServerBuilder()
            .Listen(IPAddress.Any, port) // expect: DSG0002
            .ListenLocalhost(adminPort)
            .Build();
}
