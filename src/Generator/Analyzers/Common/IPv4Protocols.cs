using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Sockets of a protocol that exists on IPv4 only: ICMP and IGMP (IPv6 has ICMPv6 and MLD instead, on sockets of their
/// own), so <c>AddressFamily.InterNetwork</c> and <c>IPAddress.Any</c> there are the protocol, not an oversight.
/// </summary>
internal static class IPv4Protocols
{
    private const int Icmp = 1;
    private const int Igmp = 2;

    /// <summary>Whether <paramref name="origin"/> creates a <c>Socket</c> with <c>ProtocolType.Icmp</c> or <c>ProtocolType.Igmp</c>.</summary>
    public static bool IsIPv4OnlyProtocolSocket(IOperation origin, DualStackSymbols symbols)
    {
        if (origin is not IObjectCreationOperation creation || !symbols.IsSocket(creation.Type))
        {
            return false;
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter?.Type.Name == "ProtocolType" && argument.Value.ConstantValue is { HasValue: true, Value: Icmp or Igmp })
            {
                return true;
            }
        }

        return false;
    }
}
