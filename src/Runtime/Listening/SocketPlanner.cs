using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// Decides which sockets a host and mode need on a system with the given capabilities (the README's "Modes" table),
/// and what replaces each one the OS refuses. Families the system lacks are left out with a warning; the
/// <see cref="SocketBinder"/> executes the plan, fallbacks included, and decides nothing.
/// </summary>
internal static class SocketPlanner
{
    /// <summary>Plans the sockets; throws when the host and mode contradict each other.</summary>
    /// <param name="host">The parsed host.</param>
    /// <param name="resolved">For a <see cref="HostKind.Name"/> host, its addresses; otherwise empty.</param>
    /// <param name="mode">The listen mode.</param>
    /// <param name="capabilities">What the system supports.</param>
    /// <param name="logger">Where left-out families are reported.</param>
    /// <returns>The sockets to bind, possibly none when every family they need is missing.</returns>
    public static List<PlannedSocket> Plan(
        HostSpec host, IReadOnlyList<IPAddress> resolved, ListenMode mode, SocketCapabilities capabilities, ILogger logger)
    {
        return host.Kind switch
        {
            HostKind.AnyAddress => PlanAnyAddress(host, mode, capabilities, logger),
            HostKind.Localhost => PlanAddresses(host, [IPAddress.Loopback, IPAddress.IPv6Loopback], mode, capabilities, logger),
            HostKind.Address => PlanLiteral(host, mode),
            _ => PlanAddresses(host, resolved, mode, capabilities, logger),
        };
    }

    private static List<PlannedSocket> PlanAnyAddress(HostSpec host, ListenMode mode, SocketCapabilities capabilities, ILogger logger)
    {
        bool wantsIPv4 = mode != ListenMode.IPv6Only;
        bool wantsIPv6 = mode != ListenMode.IPv4Only;
        if (mode is ListenMode.Auto or ListenMode.DualStack && capabilities.SupportsDualStack)
        {
            // The probe answered for a throwaway socket once per process; the OS can still refuse this one (a sysctl
            // changed since, a container's policy), so the plan says what replaces it.
            return
            [
                new PlannedSocket(IPAddress.IPv6Any, V6Only: false)
                {
                    IfDualStackRefused = [PlannedSocket.IPv6(IPAddress.IPv6Any), PlannedSocket.IPv4(IPAddress.Any)],
                    IfUnavailable = [PlannedSocket.IPv4(IPAddress.Any)],
                },
            ];
        }

        var plan = new List<PlannedSocket>(2);
        if (wantsIPv6 && capabilities.SupportsIPv6)
        {
            plan.Add(PlannedSocket.IPv6(IPAddress.IPv6Any));
        }

        if (wantsIPv4 && capabilities.SupportsIPv4)
        {
            plan.Add(PlannedSocket.IPv4(IPAddress.Any));
        }

        ReportMissingFamilies(host, wantsIPv4, wantsIPv6, capabilities, logger);
        return plan;
    }

    private static List<PlannedSocket> PlanLiteral(HostSpec host, ListenMode mode)
    {
        IPAddress address = host.Address!;
        string? conflict = HostModeRules.FindConflict(host.Text, host.Kind, address.AddressFamily, mode);
        if (conflict is not null)
        {
            throw new ArgumentException(conflict);
        }

        // A literal is bound even when the probe says its family is missing: the OS error is the better message.
        return [address.AddressFamily == AddressFamily.InterNetworkV6 ? PlannedSocket.IPv6(address) : PlannedSocket.IPv4(address)];
    }

    private static List<PlannedSocket> PlanAddresses(
        HostSpec host, IReadOnlyList<IPAddress> addresses, ListenMode mode, SocketCapabilities capabilities, ILogger logger)
    {
        bool wantsIPv4 = mode != ListenMode.IPv6Only;
        bool wantsIPv6 = mode != ListenMode.IPv4Only;
        var plan = new List<PlannedSocket>(addresses.Count);
        var seen = new HashSet<IPAddress>();
        foreach (IPAddress candidate in addresses)
        {
            IPAddress address = candidate.Normalize();
            bool isIPv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            bool wanted = isIPv6
                ? wantsIPv6 && capabilities.SupportsIPv6
                : wantsIPv4 && capabilities.SupportsIPv4;
            if (wanted && seen.Add(address))
            {
                plan.Add(isIPv6 ? PlannedSocket.IPv6(address) : PlannedSocket.IPv4(address));
            }
        }

        ReportMissingFamilies(host, wantsIPv4, wantsIPv6, capabilities, logger);
        return plan;
    }

    private static void ReportMissingFamilies(HostSpec host, bool wantsIPv4, bool wantsIPv6, SocketCapabilities capabilities, ILogger logger)
    {
        if (wantsIPv6 && !capabilities.SupportsIPv6)
        {
            Log.FamilyUnavailable(logger, "IPv6", host.Text, wantsIPv4 && capabilities.SupportsIPv4 ? "IPv4" : "no family");
        }

        if (wantsIPv4 && !capabilities.SupportsIPv4)
        {
            Log.FamilyUnavailable(logger, "IPv4", host.Text, wantsIPv6 && capabilities.SupportsIPv6 ? "IPv6" : "no family");
        }
    }
}
