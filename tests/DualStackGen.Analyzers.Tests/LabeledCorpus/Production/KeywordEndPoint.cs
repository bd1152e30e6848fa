using System;
using System.Net;
using System.Net.Sockets;

namespace Labeled.KeywordEndPoint;

/// <summary>A configuration keyword switch inside a ToEndPoint helper.</summary>
public sealed class EndPointConfig
{
    public string Bind { get; set; } = "any";

    public int Port { get; set; }

    public IPEndPoint ToEndPoint() => new IPEndPoint(
        Bind switch
        {
            "any" => IPAddress.Any, // expect: DSG0002
            "localhost" => IPAddress.Loopback, // expect: DSG0006
            _ => throw new ArgumentException("unknown bind keyword " + Bind),
        },
        Port);
}

public sealed class ConfiguredListener
{
    public TcpListener Create(EndPointConfig config)
    {
        var listener = new TcpListener(config.ToEndPoint());
        listener.Start();
        return listener;
    }
}
