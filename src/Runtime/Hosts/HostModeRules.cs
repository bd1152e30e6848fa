using System.Net.Sockets;

namespace DualStackGen;

/// <summary>
/// Which host and mode pairs contradict each other. Shared by the run-time check and, through the same rules,
/// the compile-time one; kept free of anything newer than netstandard2.0 for that reason.
/// </summary>
internal static class HostModeRules
{
    /// <summary>Says why <paramref name="mode"/> cannot serve the host, or returns <see langword="null"/> when it can.</summary>
    /// <param name="hostText">The host as written, quoted in the message.</param>
    /// <param name="kind">What the host stands for.</param>
    /// <param name="literalFamily">For an address literal, its family (IPv4-mapped literals count as IPv4).</param>
    /// <param name="mode">The listen mode.</param>
    public static string? FindConflict(string hostText, HostKind kind, AddressFamily? literalFamily, ListenMode mode)
    {
        if (kind != HostKind.Address || mode == ListenMode.Auto)
        {
            return null;
        }

        bool isIPv4 = literalFamily == AddressFamily.InterNetwork;
        string family = isIPv4 ? "IPv4" : "IPv6";
        return mode switch
        {
            ListenMode.IPv4Only when isIPv4 => null,
            ListenMode.IPv6Only when !isIPv4 => null,
            ListenMode.DualStack or ListenMode.SeparateSockets =>
                $"Host \"{hostText}\" is one {family} address, so ListenMode.{mode} cannot serve both families on it; "
                + "use \"::\" (or \"*\") to serve any address on both families, \"localhost\" for both loopbacks, or ListenMode.Auto.",
            _ =>
                $"Host \"{hostText}\" is an {family} address and ListenMode.{mode} excludes {family}; "
                + $"use ListenMode.Auto or ListenMode.{(isIPv4 ? "IPv4Only" : "IPv6Only")}, or a host of the other family.",
        };
    }
}
