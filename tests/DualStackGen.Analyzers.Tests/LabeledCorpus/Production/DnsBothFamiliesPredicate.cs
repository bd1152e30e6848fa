using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace Labeled.DnsBothFamiliesPredicate;

/// <summary>A transport address resolved to "the first IPv4 or IPv6 answer": a condition that lets every answer through.</summary>
public sealed class TransportAddress
{
    public IPEndPoint? EndPoint { get; private set; }

    public void Resolve(string host, int port, bool ipv4Only)
    {
        IPAddress? chosen = ipv4Only
            ? Dns.GetHostEntry(host).AddressList.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork)
            : Dns.GetHostEntry(host).AddressList.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork || candidate.AddressFamily == AddressFamily.InterNetworkV6); // expect: DSG0008
        EndPoint = new IPEndPoint(chosen!, port);
    }
}
