using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Diagnostics;

/// <summary>Every diagnostic DualStackGen reports, in one place; each links to its page under docs/rules.</summary>
public static class DiagnosticDescriptors
{
    private const string AnalyzerCategory = "DualStack";
    private const string GeneratorCategory = "DualStackGen.Generator";

    /// <summary>Where the rule pages live; <c>{id}.md</c> is appended.</summary>
    public const string HelpLinkBase = "https://github.com/dualstackgen/dualstackgen/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor IPv4OnlyAddressFamily = Warning(
        DiagnosticIds.IPv4OnlyAddressFamily,
        "IPv4-only address family",
        "AddressFamily.InterNetwork makes this {0} IPv4-only; use InterNetworkV6 with DualMode = true to serve both families");

    public static readonly DiagnosticDescriptor IPv4OnlyWildcardListener = Warning(
        DiagnosticIds.IPv4OnlyWildcardListener,
        "IPv4-only wildcard listener",
        "{0} listens on IPv4 only; IPv6 clients cannot reach it — listen on IPv6Any with DualMode = true");

    public static readonly DiagnosticDescriptor UnguardedEmptyHost = Warning(
        DiagnosticIds.UnguardedEmptyHost,
        "Unguarded empty bind host",
        "{0}");

    public static readonly DiagnosticDescriptor UnnormalizedRemoteAddress = Warning(
        DiagnosticIds.UnnormalizedRemoteAddress,
        "Remote address used without unwrapping the IPv4-mapped form",
        "{0} may be an IPv4-mapped IPv6 address (::ffff:a.b.c.d) on a dual-stack socket; normalize it (MapToIPv4 when IsIPv4MappedToIPv6) before {1}");

    public static readonly DiagnosticDescriptor DualModeSetTooLate = Warning(
        DiagnosticIds.DualModeSetTooLate,
        "DualMode set after bind or on a non-IPv6 socket",
        "{0}");

    public static readonly DiagnosticDescriptor SingleFamilyLoopbackListener = Info(
        DiagnosticIds.SingleFamilyLoopbackListener,
        "Single-family loopback listener",
        "Listening on {0} alone: clients that resolve localhost to the other family cannot connect; listen on both loopbacks");

    public static readonly DiagnosticDescriptor TextualHostPort = Info(
        DiagnosticIds.TextualHostPort,
        "Host and port joined or split as text with ':'",
        "{0} breaks on IPv6 addresses, which contain ':'; use IPEndPoint.Parse/ToString or UriBuilder");

    public static readonly DiagnosticDescriptor FirstDnsResultOnly = Info(
        DiagnosticIds.FirstDnsResultOnly,
        "Only the first DNS result is used",
        "Only the first address of {0} is used to {1}; the others (often the other family) are never tried");

    public static readonly DiagnosticDescriptor IPv6WildcardWithoutDualMode = Warning(
        DiagnosticIds.IPv6WildcardWithoutDualMode,
        "IPv6 wildcard socket without DualMode",
        "{0} is bound to IPv6Any without DualMode = true, so it serves IPv6 only on Linux and Windows; set DualMode = true before binding");

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

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        Create(id, title, message, AnalyzerCategory, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Info(string id, string title, string message) =>
        Create(id, title, message, AnalyzerCategory, DiagnosticSeverity.Info);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        Create(id, title, message, GeneratorCategory, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
