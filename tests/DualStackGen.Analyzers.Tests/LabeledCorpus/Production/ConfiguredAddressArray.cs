using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Labeled.ConfiguredAddressArray;

/// <summary>A chat server's configuration whose constructor defaults the listen addresses to an array of the IPv4 wildcard.</summary>
public sealed class ChatServerConfig
{
    public ChatServerConfig()
    {
        Addresses = new IPAddress[] { IPAddress.Any }; // expect: DSG0002
        Ports = new[] { 6667 };
    }

    public IPAddress[] Addresses { get; set; }

    public int[] Ports { get; set; }
}

/// <summary>Listens on each configured address by index; the config is made here, never bound from a file.</summary>
public sealed class ChatServer
{
    private readonly ChatServerConfig _config = new ChatServerConfig();
    private readonly List<TcpListener> _listeners = new();

    public void Start()
    {
        for (int index = 0; index < _config.Addresses.Length; index++)
        {
            var listener = new TcpListener(_config.Addresses[index], _config.Ports[index]);
            listener.Start();
            _listeners.Add(listener);
        }
    }
}

/// <summary>A relay whose front listens on the host text it is handed through the relay's constructor.</summary>
public static class RelayProgram
{
    public static void Main() => _ = new Relay("0.0.0.0", 4000); // expect: DSG0002
}

public sealed class Relay
{
    public Relay(string listenHost, int port)
    {
        var front = new RelayFront(listenHost, port);
        front.Listen();
    }
}

public sealed class RelayFront
{
    private readonly string _host;
    private readonly int _port;

    public RelayFront(string host, int port)
    {
        _host = host;
        _port = port;
    }

    public void Listen()
    {
        if (string.IsNullOrEmpty(_host))
        {
            throw new ArgumentException("A listen host is required.");
        }

        var listener = new TcpListener(IPAddress.Parse(_host), _port);
        listener.Start();
    }
}
