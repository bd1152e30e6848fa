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
    public static string? FindConflict(string hostText, HostKind kind, AddressFamily? literalFamily, ListenMode mode) =>
        Find(kind, literalFamily, mode) is not { } conflict ? null
        : conflict.AsksForBothFamilies
        ? $"Host \"{hostText}\" is one {conflict.Family} address, so ListenMode.{mode} cannot serve both families on it; {conflict.Remedy}."
        : $"Host \"{hostText}\" is an {conflict.Family} address and ListenMode.{mode} excludes {conflict.Family}; {conflict.Remedy}.";

    /// <summary>
    /// The same explanation as <see cref="FindConflict"/> without the host and the mode, for a message that names both
    /// itself; <see langword="null"/> when the mode can serve the host.
    /// </summary>
    public static string? FindConflictReason(HostKind kind, AddressFamily? literalFamily, ListenMode mode) =>
        Find(kind, literalFamily, mode) is not { } conflict ? null
        : conflict.AsksForBothFamilies
        ? $"it is one {conflict.Family} address, so it cannot be served on both families; {conflict.Remedy}"
        : $"it is an {conflict.Family} address, and the mode excludes {conflict.Family}; {conflict.Remedy}";

    private static Conflict? Find(HostKind kind, AddressFamily? literalFamily, ListenMode mode)
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
            ListenMode.DualStack or ListenMode.SeparateSockets => new Conflict(
                family,
                AsksForBothFamilies: true,
                "use \"::\" (or \"*\") to serve any address on both families, \"localhost\" for both loopbacks, or ListenMode.Auto"),
            _ => new Conflict(
                family,
                AsksForBothFamilies: false,
                $"use ListenMode.Auto or ListenMode.{(isIPv4 ? "IPv4Only" : "IPv6Only")}, or a host of the other family"),
        };
    }

    private readonly record struct Conflict(string Family, bool AsksForBothFamilies, string Remedy);
}
