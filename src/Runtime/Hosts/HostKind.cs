namespace DualStackGen;

/// <summary>What a parsed host stands for.</summary>
// The generator compiles this file too (to check hosts and modes when the code compiles); there the type must
// not become part of its public surface, or a project referencing both assemblies would see it twice.
#if DUALSTACKGEN_COMPILE_TIME
internal
#else
public
#endif
enum HostKind
{
    /// <summary>
    /// Any address: <c>"::"</c>, <c>"[::]"</c> or <c>"*"</c>. The listen mode decides which families are bound. The
    /// empty host parses as this kind (for DSG0003 and the code that guards it), but listening refuses it.
    /// </summary>
    AnyAddress = 0,

    /// <summary><c>"localhost"</c>: 127.0.0.1 and ::1, bound as separate sockets and never resolved through DNS.</summary>
    Localhost = 1,

    /// <summary>
    /// One IPv4 or IPv6 address literal, <c>"0.0.0.0"</c> included; an IPv4-mapped IPv6 literal stands for its
    /// IPv4 address.
    /// </summary>
    Address = 2,

    /// <summary>A host name, resolved once when the server starts.</summary>
    Name = 3,
}
