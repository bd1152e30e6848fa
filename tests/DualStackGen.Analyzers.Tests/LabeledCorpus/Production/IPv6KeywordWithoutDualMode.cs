using System;
using System.Net;
using System.Net.Sockets;

namespace Labeled.IPv6Keyword;

internal static class ListenAddress
{
    public static IPAddress FromKeyword(string keyword) => keyword switch
    {
        "ipv6" => IPAddress.IPv6Any, // expect: DSG0009
        "any6" => IPAddress.IPv6Any, // expect: DSG0009
        _ => throw new ArgumentOutOfRangeException(nameof(keyword), keyword, "unknown keyword"),
    };
}

/// <summary>IPv6Any returned by a helper and listened on without DualMode.</summary>
public sealed class KeywordServer
{
    public TcpListener Start(string keyword, int port)
    {
        var listener = new TcpListener(ListenAddress.FromKeyword(keyword), port);
        listener.Start();
        return listener;
    }
}
