using System;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Http;

/// <summary>A small HTTP server taking an HttpListener-style prefix ("http://+:8080/").</summary>
public sealed class MiniHttpServer
{
    private readonly string _host;
    private readonly int _port;
    private TcpListener? _listener;

    public MiniHttpServer(string prefix)
    {
        string rest = prefix.Substring(prefix.IndexOf("://", StringComparison.Ordinal) + 3).TrimEnd('/');
        int colon = rest.LastIndexOf(':'); // expect: DSG0007
        _host = colon < 0 ? rest : rest.Substring(0, colon);
        _port = colon < 0 ? 80 : int.Parse(rest.Substring(colon + 1));
    }

    public string BaseUrl => "http://" + _host + ":" + _port + "/"; // expect: DSG0007

    public void Start()
    {
        IPAddress address = _host is "+" or "*"
            ? IPAddress.Any // expect: DSG0002
            : IPAddress.Parse(_host); // expect: DSG0003
        _listener = new TcpListener(address, _port);
        _listener.Start();
    }
}
