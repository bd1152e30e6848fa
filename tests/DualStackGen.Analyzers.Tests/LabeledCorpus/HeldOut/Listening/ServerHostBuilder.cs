using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using HeldOut.Listening.Configuration;

namespace HeldOut.Listening.Hosting;

/// <summary>Server options bound from a configuration section.</summary>
public sealed class ServerEndpointOptions
{
    public string Host { get; set; } = "*";

    public int Port { get; set; } = 4000;

    public static ServerEndpointOptions Bind(IAppConfiguration configuration, string section) => new()
    {
        Host = configuration[section + ":Host"] ?? "*",
        Port = int.Parse(configuration[section + ":Port"] ?? "4000"),
    };
}

/// <summary>A fluent builder collecting endpoints for the host it builds.</summary>
public sealed class ServerHostBuilder
{
    private readonly List<IPEndPoint> _endPoints = new();

    public ServerHostBuilder Listen(IPAddress address, int port)
    {
        _endPoints.Add(new IPEndPoint(address, port));
        return this;
    }

    public ServerHostBuilder ListenAnyIP(int port) => Listen(IPAddress.Any, port); // expect: DSG0002

    public ServerHostBuilder ListenLocalhost(int port) => Listen(IPAddress.Loopback, port).Listen(IPAddress.IPv6Loopback, port);

    public ServerHostBuilder ListenEndPoint(string text) => Listen(IPEndPoint.Parse(text).Address, IPEndPoint.Parse(text).Port);

    public ServerHost Build() => new(_endPoints);
}

public static class ServerHostBuilderExtensions
{
    public static ServerHostBuilder ListenFrom(this ServerHostBuilder builder, ServerEndpointOptions options)
    {
        IPAddress address = options.Host switch
        {
            "*" or "+" => IPAddress.IPv6Any,
            "localhost" => IPAddress.Loopback, // expect: DSG0006
            _ => IPAddress.Parse(options.Host), // expect: DSG0003
        };
        return builder.Listen(address, options.Port);
    }
}

/// <summary>The host opens one dual-mode-capable socket per endpoint.</summary>
public sealed class ServerHost : IDisposable
{
    private readonly IReadOnlyList<IPEndPoint> _endPoints;
    private readonly List<Socket> _sockets = new();

    public ServerHost(IReadOnlyList<IPEndPoint> endPoints) => _endPoints = endPoints;

    public void Start()
    {
        foreach (IPEndPoint endPoint in _endPoints)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = !endPoint.Address.Equals(IPAddress.IPv6Loopback);
            }

            socket.Bind(endPoint);
            socket.Listen(512);
            _sockets.Add(socket);
        }
    }

    public void Dispose()
    {
        foreach (Socket socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
