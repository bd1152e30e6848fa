using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Sockets;

namespace HeldOut.Peers.Upstreams;

/// <summary>"host:port" settings of a proxy's upstreams, parsed three ways.</summary>
public sealed class UpstreamSettings
{
    public List<string> Servers { get; } = new() { "backend-1:7000", "backend-2:7000" };

    public TcpClient ConnectFirst()
    {
        string[] parts = Servers[0].Split(':'); // expect: DSG0007
        return new TcpClient(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public static (string Host, int Port) ParseAtFirstColon(string value)
    {
        int separator = value.IndexOf(':'); // expect: DSG0007
        if (separator < 0)
        {
            return (value, 7000);
        }

        return (value.Substring(0, separator), int.Parse(value.Substring(separator + 1), CultureInfo.InvariantCulture));
    }

    public static (string Host, int Port) ParseAtLastColon(string value)
    {
        int separator = value.LastIndexOf(':'); // expect: DSG0007
        string host = value.Remove(separator);
        string portText = value.Substring(separator + 1);
        return (host, ushort.Parse(portText, CultureInfo.InvariantCulture));
    }

    // The port is required and an IPv6 host must be bracketed, so the last ':' is always the separator.
    public static (string Host, int Port) ParseBracketed(string value)
    {
        int separator = value.LastIndexOf(':');
        string host = value.Substring(0, separator).Trim('[', ']');
        return (host, int.Parse(value.Substring(separator + 1), CultureInfo.InvariantCulture));
    }

    // A range instead of Substring: the same cut at the first ':'.
    public static (string Host, int Port) ParseWithRanges(string value)
    {
        int colon = value.IndexOf(':'); // expect: DSG0007
        return (value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    // A span split: "host:port" read by position.
    public static (string Host, int Port) ParseSpan(string value)
    {
        ReadOnlySpan<char> text = value.AsSpan();
        int colon = text.IndexOf(':'); // expect: DSG0007
        return (text.Slice(0, colon).ToString(), int.Parse(text.Slice(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }

    // A scheme separator, not a host:port cut.
    public static string SchemeOf(string url)
    {
        int colon = url.IndexOf(':');
        return colon < 0 ? "tcp" : url.Substring(0, colon);
    }
}
