using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>
/// Decides which inherited sockets a server adopts: each socket of its plan must be matched by one of the transport
/// (TCP: stream, UDP: datagram), family, address and port planned, and, for IPv6, the IPV6_V6ONLY planned; a planned
/// socket without a match may be covered by its fallbacks instead (a dual-stack <c>[::]</c> by <c>[::]</c> with
/// IPV6_V6ONLY plus <c>0.0.0.0</c>), as the binder would bind them. Port 0 takes the port of the first match.
/// </summary>
/// <remarks>
/// When several servers run in one process, each takes only sockets no other running server holds, and, when some
/// inherited socket is named after it (<c>FileDescriptorName=</c> equal to the server's name), only those: naming the
/// sockets is how two servers with overlapping plans (port 0, or the same port for TCP and UDP) are told apart.
/// </remarks>
internal static class InheritedSocketMatcher
{
    public static bool TryMatch(
        IReadOnlyList<InheritedSocket> inherited,
        string? serverName,
        IReadOnlyList<PlannedSocket> plan,
        int port,
        SocketType socketType,
        out List<InheritedSocket> matched,
        out string reason)
    {
        List<InheritedSocket> candidates = [.. inherited.Where(socket => socket.SocketType == socketType && !socket.IsTaken)];
        if (serverName is not null && candidates.Any(socket => socket.Name == serverName))
        {
            candidates = [.. candidates.Where(socket => socket.Name == serverName)];
        }

        matched = [];
        int chosenPort = port;
        foreach (PlannedSocket planned in plan)
        {
            if (!TryCover(planned, candidates, matched, ref chosenPort))
            {
                string transport = socketType == SocketType.Stream ? "TCP" : "UDP";
                string offered = inherited.Count == 0 ? "none usable" : string.Join(", ", inherited.Select(socket => socket.IsTaken ? socket + " (held by another server)" : socket.ToString()));
                reason = $"socket activation (LISTEN_FDS) passed {offered}, and no inherited socket matches {Describe(planned, chosenPort)} ({transport}). "
                    + "With LISTEN_FDS set a server adopts the inherited sockets instead of binding: make the socket unit's "
                    + (socketType == SocketType.Stream ? "ListenStream=" : "ListenDatagram=")
                    + " lines match the server's host, port and mode"
                    + (serverName is null ? "." : $", or name the sockets for this server with FileDescriptorName={serverName}.");
                matched = [];
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryCover(PlannedSocket planned, List<InheritedSocket> candidates, List<InheritedSocket> matched, ref int port)
    {
        foreach (InheritedSocket candidate in candidates)
        {
            if (!matched.Contains(candidate) && Matches(candidate, planned, port))
            {
                matched.Add(candidate);
                port = candidate.LocalEndPoint.Port;
                return true;
            }
        }

        foreach (PlannedSocket[] alternative in (PlannedSocket[][])[planned.IfDualStackRefused, planned.IfUnavailable])
        {
            if (alternative.Length == 0)
            {
                continue;
            }

            int matchedBefore = matched.Count;
            int portBefore = port;
            bool covered = true;
            foreach (PlannedSocket instead in alternative)
            {
                if (!TryCover(instead, candidates, matched, ref port))
                {
                    covered = false;
                    break;
                }
            }

            if (covered)
            {
                return true;
            }

            matched.RemoveRange(matchedBefore, matched.Count - matchedBefore);
            port = portBefore;
        }

        return false;
    }

    private static bool Matches(InheritedSocket candidate, PlannedSocket planned, int port)
        => candidate.Family == planned.Address.AddressFamily
            && candidate.LocalEndPoint.Address.Equals(planned.Address)
            && (port == 0 || candidate.LocalEndPoint.Port == port)
            && (!planned.IsIPv6 || candidate.V6Only == planned.V6Only);

    private static string Describe(PlannedSocket planned, int port)
    {
        string endPoint = planned.IsIPv6 ? $"[{planned.Address}]" : planned.Address.ToString();
        string portText = port == 0 ? "any port" : port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string v6Only = planned.IsIPv6 ? (planned.V6Only ? ", IPV6_V6ONLY" : ", dual-stack") : string.Empty;
        return $"{endPoint}:{portText} ({planned.Family}{v6Only})";
    }
}
