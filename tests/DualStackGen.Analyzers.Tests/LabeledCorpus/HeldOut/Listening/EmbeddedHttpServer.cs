using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.Http;

/// <summary>An embedded HTTP server configured with listener prefixes ("http://*:8080/", "http://[::1]:9000/").</summary>
public sealed class EmbeddedHttpServer
{
    private readonly List<(IPAddress Address, int Port)> _bindings = new();
    private readonly List<TcpListener> _listeners = new();

    public void AddPrefix(string prefix)
    {
        int start = prefix.IndexOf("://", StringComparison.Ordinal) + 3;
        int end = prefix.IndexOf('/', start);
        string authority = end < 0 ? prefix.Substring(start) : prefix.Substring(start, end - start);
        string host;
        int port;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']');
            host = authority.Substring(1, close - 1);
            port = close + 1 < authority.Length ? int.Parse(authority.Substring(close + 2), CultureInfo.InvariantCulture) : 80;
        }
        else
        {
            int colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority.Substring(0, colon);
            port = colon < 0 ? 80 : int.Parse(authority.Substring(colon + 1), CultureInfo.InvariantCulture);
        }

        _bindings.Add((HostToAddress(host), port));
    }

    private static IPAddress HostToAddress(string host)
    {
        switch (host)
        {
            case "*":
            case "+":
                return IPAddress.Any; // expect: DSG0002
            case "localhost":
                return IPAddress.Loopback; // expect: DSG0006
            default:
                return IPAddress.TryParse(host, out IPAddress? parsed)
                    ? parsed
                    : throw new FormatException($"The prefix host '{host}' is not an address, '*', '+' or 'localhost'.");
        }
    }

    public void Start()
    {
        foreach ((IPAddress address, int port) in _bindings)
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            _listeners.Add(listener);
            Console.WriteLine($"Listening on http://{address}:{port}/");
        }
    }
}
