namespace DualStackGen;

/// <summary>
/// Which address families a server listens on, and with which sockets.
/// </summary>
/// <remarks>
/// The mode is read together with the host: a wildcard host (<c>"::"</c>, <c>"*"</c>) lets the mode pick the
/// families, while an address literal already names its family and only <see cref="Auto"/> or the mode of that
/// family may accompany it.
/// </remarks>
// The generator compiles this file too (to check hosts and modes when the code compiles); there the type must
// not become part of its public surface, or a project referencing both assemblies would see it twice.
#if DUALSTACKGEN_COMPILE_TIME
internal
#else
public
#endif
enum ListenMode
{
    /// <summary>
    /// A wildcard host is served as <see cref="DualStack"/>; an address literal on its own family;
    /// <c>"localhost"</c> and host names on every family they stand for.
    /// </summary>
    Auto = 0,

    /// <summary>
    /// Serve IPv4 and IPv6 clients: one IPv6 socket with IPV6_V6ONLY set to 0 where the OS allows it,
    /// otherwise one socket per family.
    /// </summary>
    DualStack = 1,

    /// <summary>
    /// Always one socket per family, the IPv6 one with IPV6_V6ONLY set to 1, so each family is bound,
    /// filtered and closed on its own.
    /// </summary>
    SeparateSockets = 2,

    /// <summary>IPv6 only: IPv4 clients are refused. The IPv6 socket has IPV6_V6ONLY set to 1.</summary>
    IPv6Only = 3,

    /// <summary>IPv4 only: IPv6 clients are refused.</summary>
    IPv4Only = 4,
}
