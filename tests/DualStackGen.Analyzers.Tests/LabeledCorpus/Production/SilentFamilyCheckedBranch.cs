using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.FamilyChecked;

/// <summary>Comparisons inside a branch that already checked the socket's family.</summary>
public static class LocalOnly
{
    public static bool IsLocal(Socket accepted)
    {
        var remote = (IPEndPoint)accepted.RemoteEndPoint!;
        if (accepted.AddressFamily == AddressFamily.InterNetwork)
        {
            return remote.Address.Equals(IPAddress.Loopback);
        }

        return remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4().Equals(IPAddress.Loopback) : remote.Address.Equals(IPAddress.IPv6Loopback);
    }
}
