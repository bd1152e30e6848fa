using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.NormalizedAcl;

/// <summary>The remote address unwrapped before it reaches the allow list.</summary>
public sealed class AllowList
{
    private readonly HashSet<IPAddress> _allowed = new() { IPAddress.Parse("192.0.2.10") };

    public bool Admit(Socket accepted)
    {
        IPAddress address = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IsAllowed(address);
    }

    private bool IsAllowed(IPAddress address) => _allowed.Contains(address);
}
