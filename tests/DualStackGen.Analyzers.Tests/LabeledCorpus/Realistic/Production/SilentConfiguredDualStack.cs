using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Silent;

/// <summary>Done right: a configured address falls back to the IPv6 wildcard, made dual-mode; URLs through UriBuilder.</summary>
public sealed class ConfiguredDualStackServer
{
    private readonly IPAddress _address;
    private readonly int _port;
    private readonly List<Socket> _accepted = new();

    public ConfiguredDualStackServer(string? configured, int port)
    {
        _address = IPAddress.TryParse(configured, out IPAddress? parsed) ? parsed : IPAddress.IPv6Any;
        _port = port;
    }

    public Socket Start()
    {
        var socket = new Socket(_address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (_address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }

        socket.Bind(new IPEndPoint(_address, _port));
        socket.Listen(512);
        return socket;
    }

    public Uri PublicUrl(string host) => new UriBuilder("http", host, _port).Uri;

    public void OnAccepted(Socket accepted)
    {
        _accepted.Add(accepted);
        var peer = (IPEndPoint)accepted.RemoteEndPoint!;
        IPAddress address = peer.Address.IsIPv4MappedToIPv6 ? peer.Address.MapToIPv4() : peer.Address;
        if (address.Equals(IPAddress.Loopback))
        {
            Console.WriteLine($"local client {peer}");
        }
    }
}
