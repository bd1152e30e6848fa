using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Acl;

/// <summary>The same allow list done right: every address is unwrapped before the lookup.</summary>
public sealed class NormalizedAccessList
{
    private readonly HashSet<IPAddress> _allowed;

    public NormalizedAccessList(IEnumerable<IPAddress> allowed) => _allowed = new HashSet<IPAddress>(allowed);

    public bool IsAllowed(IPAddress remote)
    {
        IPAddress address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return _allowed.Contains(address);
    }

    public bool Admit(Socket accepted) => IsAllowed(((IPEndPoint)accepted.RemoteEndPoint!).Address);

    public static bool IsPrivate(IPAddress address)
    {
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = address.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168);
        }

        return address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
    }

    public bool AdmitPrivate(Socket accepted) => IsPrivate(((IPEndPoint)accepted.RemoteEndPoint!).Address);
}
