using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Diagnostics;

/// <summary>Every diagnostic DualStackGen reports, in one place; each links to its page under docs/rules.</summary>
public static class DiagnosticDescriptors
{
    private const string AnalyzerCategory = "DualStack";
    private const string GeneratorCategory = "DualStackGen.Generator";

    /// <summary>Where the rule pages live; <c>{id}.md</c> is appended.</summary>
    public const string HelpLinkBase = "https://github.com/dualstackgen/dualstackgen/blob/main/docs/rules/";

    internal static readonly DiagnosticDescriptor IPv4OnlyAddressFamily = Warning(
        DiagnosticIds.IPv4OnlyAddressFamily,
        "IPv4-only address family",
        "AddressFamily.InterNetwork makes the {0} created by {1} IPv4-only; use AddressFamily.InterNetworkV6 with DualMode = true to serve both families",
        "A socket or UdpClient created with AddressFamily.InterNetwork can reach and serve IPv4 only. The family is followed from where it is chosen (a field, a parameter, one arm of a conditional) to the constructor, and reported where it is chosen. Broadcast sockets and types that also open an InterNetworkV6 socket (one socket per family, on purpose) are not reported.");

    internal static readonly DiagnosticDescriptor IPv4OnlyWildcardListener = Warning(
        DiagnosticIds.IPv4OnlyWildcardListener,
        "IPv4-only wildcard listener",
        "{0} makes {1} listen on IPv4 only, so IPv6 clients cannot reach it; listen on IPAddress.IPv6Any with DualMode = true",
        "IPAddress.Any, IPAddress.Parse(\"0.0.0.0\"), the port-only TcpListener/UdpClient constructors and UdpClient(port, InterNetwork) listen on IPv4 only. The address is followed across the compilation (constructors that map host words to a field, options properties, helpers returning endpoints, arguments) and reported where it is chosen, with the listener as the additional location. Broadcast and DHCPv4 sockets and deliberate two-socket designs are not reported.");

    internal static readonly DiagnosticDescriptor UnguardedEmptyHost = Warning(
        DiagnosticIds.UnguardedEmptyHost,
        "Unguarded empty bind host",
        "The host {0} {1}: an empty host is not the dual-stack any-address; {2}",
        "An empty host is a legacy spelling of 'any address' in a server attribute, means nothing to the resolve APIs, and in a host string that can be empty (a configuration value, a parameter, an environment variable) reaching IPAddress.Parse or Dns and then a bind, fails or silently binds something else. Check it, or map it to \"::\" with a dual-stack listener.");

    internal static readonly DiagnosticDescriptor UnnormalizedRemoteAddress = Warning(
        DiagnosticIds.UnnormalizedRemoteAddress,
        "Remote address used without unwrapping the IPv4-mapped form",
        "{0} may be an IPv4-mapped IPv6 address (::ffff:a.b.c.d) on a dual-stack socket; normalize it (MapToIPv4 when IsIPv4MappedToIPv6) before {1}",
        "On a dual-stack socket an IPv4 peer is reported as ::ffff:a.b.c.d. Compared with an IPv4 address, checked against AddressFamily.InterNetwork or used as a key of an allow/deny list, it never matches. The address is followed from the socket through properties and parameters to the use. A branch that already checked the family, and the local endpoint of an AF_INET socket, are not reported.");

    internal static readonly DiagnosticDescriptor DualModeSetTooLate = Warning(
        DiagnosticIds.DualModeSetTooLate,
        "DualMode set after bind or on a non-IPv6 socket",
        "DualMode is set on '{0}' {1}, which throws {2}; {3}",
        "IPV6_V6ONLY can only be changed before the socket is bound, listening or connected, and only on an InterNetworkV6 socket. A bind on an earlier path of the method, even a conditional one, makes the later assignment throw on that path; so does a socket created with AddressFamily.InterNetwork.");

    internal static readonly DiagnosticDescriptor SingleFamilyLoopbackListener = Info(
        DiagnosticIds.SingleFamilyLoopbackListener,
        "Single-family loopback listener",
        "Listening on {0} alone in {1}: clients that resolve localhost to the other family cannot connect; listen on both loopbacks",
        "localhost resolves to both 127.0.0.1 and ::1, and clients pick either. A listener on one of them (often chosen in a constructor that maps \"localhost\" to IPAddress.Loopback) refuses the others. The address is reported where it is chosen; types that also listen on the other loopback are not reported.");

    internal static readonly DiagnosticDescriptor TextualHostPort = Info(
        DiagnosticIds.TextualHostPort,
        "Host and port joined or split as text with ':'",
        "{0} with ':' ({1}) breaks on IPv6 addresses, which contain ':'; use IPEndPoint.Parse/ToString or UriBuilder",
        "An IPv6 address contains ':' and must be bracketed next to a port. Every spelling of the join is reported ($\"{a}:{p}\", a + \":\" + p, string.Concat, string.Format) and the splits that cut at a ':' (Split, IndexOf and LastIndexOf with Substring). Text that only reaches a log line, an exception or a dictionary key, an arm already chosen by an AddressFamily check, and splits in code that handles '[' are not reported.");

    internal static readonly DiagnosticDescriptor FirstDnsResultOnly = Info(
        DiagnosticIds.FirstDnsResultOnly,
        "Only the first DNS result is used",
        "Only the first address of {0} is used to {1} ({2}); the others (often the other family) are never tried",
        "A DNS answer often holds an IPv6 and an IPv4 address, and the first may be the one that does not work here. Indexing [0], First(), or returning the first match of a foreach over the answer (also kept in a field first) tries only one. Connect by name, or try every address.");

    internal static readonly DiagnosticDescriptor IPv6WildcardWithoutDualMode = Warning(
        DiagnosticIds.IPv6WildcardWithoutDualMode,
        "IPv6 wildcard socket without DualMode",
        "{0} makes {1} listen on IPv6 only, because .NET creates IPv6 sockets with DualMode off; set DualMode = true before binding",
        "A socket, TcpListener or UdpClient bound to IPAddress.IPv6Any without DualMode = true (or an explicit IPV6_V6ONLY option) serves IPv6 clients only. The address is followed from where it is chosen (a helper, a configuration keyword) to the bind. Types that also open the IPv4 side (one socket per family, on purpose) are not reported.");

    public static readonly DiagnosticDescriptor ServerClassNotPartial = Error(
        DiagnosticIds.ServerClassNotPartial,
        "Server class must be partial",
        "'{0}' has [{1}] but is not partial; declare it 'partial' so the server can be generated into it");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        DiagnosticIds.ContainingTypeNotPartial,
        "Containing type of a server class must be partial",
        "'{0}' contains the server class '{1}' but is not partial; declare it 'partial'");

    public static readonly DiagnosticDescriptor GenericServerClass = Error(
        DiagnosticIds.GenericServerClass,
        "Server class cannot be generic",
        "'{0}' is generic; [{1}] needs a non-generic class");

    public static readonly DiagnosticDescriptor InvalidHost = Error(
        DiagnosticIds.InvalidHost,
        "Invalid host",
        "{0}");

    public static readonly DiagnosticDescriptor PortOutOfRange = Error(
        DiagnosticIds.PortOutOfRange,
        "Port out of range",
        "Port {0} is outside 0-65535 (0 lets the OS pick a free port)");

    public static readonly DiagnosticDescriptor HostModeContradiction = Error(
        DiagnosticIds.HostModeContradiction,
        "Host and listen mode contradict each other",
        "{0}");

    public static readonly DiagnosticDescriptor HandlerMissing = Error(
        DiagnosticIds.HandlerMissing,
        "Handler method missing",
        "'{0}' has [{1}] but no handler; add '{2}'");

    public static readonly DiagnosticDescriptor HandlerWrongParameters = Error(
        DiagnosticIds.HandlerWrongParameters,
        "Handler has the wrong parameters",
        "'{0}' must take ({1}); it takes ({2})");

    public static readonly DiagnosticDescriptor HandlerWrongReturnType = Error(
        DiagnosticIds.HandlerWrongReturnType,
        "Handler has the wrong return type",
        "'{0}' must return Task or ValueTask; it returns '{1}'");

    public static readonly DiagnosticDescriptor HandlerDeclaredTwice = Error(
        DiagnosticIds.HandlerDeclaredTwice,
        "Handler declared more than once",
        "'{0}' is declared more than once; the server needs exactly one handler");

    public static readonly DiagnosticDescriptor BothTcpAndUdpServer = Error(
        DiagnosticIds.BothTcpAndUdpServer,
        "A class cannot be both a TCP and a UDP server",
        "'{0}' has both [TcpServer] and [UdpServer]; put each server in its own partial class");

    public static readonly DiagnosticDescriptor InvalidServerOption = Error(
        DiagnosticIds.InvalidServerOption,
        "Invalid server option",
        "{0}");

    // A warning, not an error: hosting is often referenced transitively (ASP.NET Core) by projects that start their
    // servers by hand, and for them a constructor the service provider cannot call is no defect.
    public static readonly DiagnosticDescriptor NoHostingConstructor = Create(
        DiagnosticIds.NoHostingConstructor,
        "Server class has no constructor a service provider can call",
        "'{0}' gets no Add{0} method for the generic host: {1}",
        GeneratorCategory,
        DiagnosticSeverity.Warning);

    // A warning for the same reason as DSG0112: the server itself is fine, only its registration method is withheld.
    public static readonly DiagnosticDescriptor HostingNameClash = Create(
        DiagnosticIds.HostingNameClash,
        "Hosting registration not generated: name clash",
        "'{0}' gets no Add{0} method for the generic host: {1}",
        GeneratorCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedServerClass = Error(
        DiagnosticIds.UnsupportedServerClass,
        "Server class cannot be static or file-local",
        "'{0}' cannot be a server: it is {1}, and the generated half of the class is a separate file that declares instance members");

    public static readonly DiagnosticDescriptor GeneratedMemberNameTaken = Error(
        DiagnosticIds.GeneratedMemberNameTaken,
        "Server class already has a member the generator declares",
        "'{0}' cannot be a server: {1} '{2}', which the generated server declares itself; rename it");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        DiagnosticIds.LanguageVersionTooLow,
        "Generated servers need C# 9 or later",
        "'{0}' is not generated: the project compiles with C# {1}, and the generated server needs C# 9 or later; raise <LangVersion>");

    public static readonly DiagnosticDescriptor HandlerObsolete = Error(
        DiagnosticIds.HandlerObsolete,
        "Handler marked [Obsolete] or [Experimental]",
        "'{0}' is marked [{1}], and the generated server calls it on every {2}; remove the attribute or move the handler's body to a method of its own");

    private static DiagnosticDescriptor Warning(string id, string title, string message, string description) =>
        new(id, title, message, AnalyzerCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, helpLinkUri: HelpLinkBase + id + ".md");

    private static DiagnosticDescriptor Info(string id, string title, string message, string description) =>
        new(id, title, message, AnalyzerCategory, DiagnosticSeverity.Info, isEnabledByDefault: true, description, helpLinkUri: HelpLinkBase + id + ".md");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        Create(id, title, message, GeneratorCategory, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
