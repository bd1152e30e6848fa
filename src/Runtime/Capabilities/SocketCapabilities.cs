namespace DualStackGen;

/// <summary>What the operating system's sockets can do, as far as listening on each family is concerned.</summary>
/// <param name="SupportsIPv4">Whether an IPv4 socket can be created and bound to 0.0.0.0.</param>
/// <param name="SupportsIPv6">Whether an IPv6 socket can be created and bound to [::].</param>
/// <param name="SupportsDualStack">
/// Whether an IPv6 socket accepts IPV6_V6ONLY = 0, so that one socket serves both families (false on OpenBSD,
/// and whenever either family is missing).
/// </param>
public readonly record struct SocketCapabilities(bool SupportsIPv4, bool SupportsIPv6, bool SupportsDualStack)
{
    /// <summary>Gets the capabilities of an OS with both families and dual-stack sockets (Linux, Windows, macOS).</summary>
    public static SocketCapabilities DualStackHost => new(SupportsIPv4: true, SupportsIPv6: true, SupportsDualStack: true);

    /// <summary>Gets the capabilities of an OS with both families but no dual-stack sockets (OpenBSD).</summary>
    public static SocketCapabilities SeparateStacksHost => new(SupportsIPv4: true, SupportsIPv6: true, SupportsDualStack: false);

    /// <summary>Gets the capabilities of an OS without IPv6.</summary>
    public static SocketCapabilities IPv4OnlyHost => new(SupportsIPv4: true, SupportsIPv6: false, SupportsDualStack: false);

    /// <summary>Gets the capabilities of an OS without IPv4.</summary>
    public static SocketCapabilities IPv6OnlyHost => new(SupportsIPv4: false, SupportsIPv6: true, SupportsDualStack: false);
}
