using System;
using System.Globalization;

namespace Realistic.Cluster;

/// <summary>A node address as configuration text, "host:port"; printed and parsed back by the membership list.</summary>
public sealed record NodeEndPoint(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}"; // expect: DSG0007

    public static NodeEndPoint Parse(string text)
    {
        int colon = text.IndexOf(':'); // expect: DSG0007
        if (colon <= 0)
        {
            throw new FormatException($"'{text}' is not host:port");
        }

        return new NodeEndPoint(text[..colon], int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}

/// <summary>The same parse done right: a bracketed IPv6 literal keeps its colons.</summary>
public static class BracketAwareEndPoint
{
    public static (string Host, int Port) Split(string text)
    {
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            return (text.Substring(1, close - 1), int.Parse(text.Substring(close + 2), CultureInfo.InvariantCulture));
        }

        int colon = text.LastIndexOf(':');
        return (text.Substring(0, colon), int.Parse(text.Substring(colon + 1), CultureInfo.InvariantCulture));
    }

    public static string Join(string host, int port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
}
