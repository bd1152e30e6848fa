using System;
using System.Net;

namespace Realistic.SocketServer;

/// <summary>A listen section of a server's configuration file: the IP is a word or a literal.</summary>
public sealed class ListenOptions
{
    public string Ip { get; set; } = "Any";

    public int Port { get; set; }

    public int BackLog { get; set; } = 100;

    public bool NoDelay { get; set; } = true;

    public IPEndPoint ToEndPoint()
    {
        IPAddress address;
        if ("any".Equals(Ip, StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Any; // expect: DSG0002
        }
        else if ("ipv6any".Equals(Ip, StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.IPv6Any;
        }
        else
        {
            address = IPAddress.Parse(Ip); // expect: DSG0003
        }

        return new IPEndPoint(address, Port);
    }

    public override string ToString() => $"Ip={Ip}, Port={Port}, BackLog={BackLog}";
}
