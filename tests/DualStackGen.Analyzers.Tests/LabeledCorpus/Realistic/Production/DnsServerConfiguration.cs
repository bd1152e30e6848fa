using System.Net;

namespace Realistic.DnsServer;

/// <summary>A DNS server's settings: a listen address text with a fallback, and the upstream resolvers.</summary>
public sealed class DnsServerSettings
{
    public string ListenAddress { get; init; } = "0.0.0.0"; // expect: DSG0002

    public int ListenPort { get; init; } = 53;

    public string[] Upstreams { get; init; } = ["192.0.2.53", "2001:db8::53"];

    public IPEndPoint ListenEndPoint()
    {
        if (!IPAddress.TryParse(ListenAddress, out IPAddress? address))
        {
            address = IPAddress.Any; // expect: DSG0002
        }

        return new IPEndPoint(address, ListenPort);
    }
}
