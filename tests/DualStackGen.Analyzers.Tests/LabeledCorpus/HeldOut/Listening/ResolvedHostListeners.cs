using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using HeldOut.Listening.Configuration;

namespace HeldOut.Listening.Resolved;

/// <summary>Binds every address the configured host name resolves to.</summary>
public sealed class ResolvedHostListener
{
    private readonly IAppConfiguration _configuration;
    private readonly List<TcpListener> _listeners = new();

    public ResolvedHostListener(IAppConfiguration configuration) => _configuration = configuration;

    public void Start()
    {
        string host = _configuration["Server:Host"] ?? "localhost";
        int port = int.Parse(_configuration["Server:Port"] ?? "7070");
        foreach (IPAddress address in Dns.GetHostAddresses(host)) // expect: DSG0003
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            _listeners.Add(listener);
        }
    }
}

/// <summary>The same, with the empty host meaning "every address" said explicitly.</summary>
public sealed class GuardedResolvedHostListener
{
    private readonly IAppConfiguration _configuration;

    public GuardedResolvedHostListener(IAppConfiguration configuration) => _configuration = configuration;

    public async Task<List<Socket>> StartAsync()
    {
        string? host = _configuration["Server:Host"];
        int port = int.Parse(_configuration["Server:Port"] ?? "7070");
        var sockets = new List<Socket>();
        if (string.IsNullOrWhiteSpace(host))
        {
            var any = new Socket(SocketType.Stream, ProtocolType.Tcp);
            any.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            any.Listen();
            sockets.Add(any);
            return sockets;
        }

        foreach (IPAddress address in await Dns.GetHostAddressesAsync(host))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
            sockets.Add(socket);
        }

        return sockets;
    }
}

/// <summary>A relay whose listen address is a host name from the environment, resolved once in the constructor.</summary>
public sealed class RelayListener
{
    private readonly IPAddress _address;
    private readonly int _port;

    public RelayListener(int port)
    {
        string host = Environment.GetEnvironmentVariable("RELAY_HOST") ?? "";
        _address = Dns.GetHostEntry(host).AddressList[0]; // expect: DSG0003, DSG0008
        _port = port;
    }

    public Socket Listen()
    {
        var socket = new Socket(_address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(_address, _port));
        socket.Listen(32);
        return socket;
    }
}
