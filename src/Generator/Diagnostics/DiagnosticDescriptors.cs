using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Diagnostics;

/// <summary>Every diagnostic DualStackGen reports, in one place; each links to its page under docs/rules.</summary>
internal static class DiagnosticDescriptors
{
    private const string AnalyzerCategory = "DualStack";
    private const string GeneratorCategory = "DualStackGen.Generator";

    /// <summary>Where the rule pages live; <c>{id}.md</c> is appended.</summary>
    internal const string HelpLinkBase = "https://github.com/dualstackgen/dualstackgen/blob/main/docs/rules/";

    internal static readonly DiagnosticDescriptor IPv4OnlyAddressFamily = Create(
        DiagnosticIds.IPv4OnlyAddressFamily, AnalyzerCategory, DiagnosticSeverity.Warning,
        "IPv4-only address family",
        "AddressFamily.InterNetwork makes the {0} created by {1} IPv4-only; use AddressFamily.InterNetworkV6 with DualMode = true to serve both families",
        "A socket or UdpClient created with AddressFamily.InterNetwork can reach and serve IPv4 only. The family is followed from where it is chosen (a field, a parameter, one arm of a conditional) to the constructor, and reported where it is chosen. Broadcast sockets and types that also open an InterNetworkV6 socket (one socket per family, on purpose) are not reported.");

    internal static readonly DiagnosticDescriptor IPv4OnlyWildcardListener = Create(
        DiagnosticIds.IPv4OnlyWildcardListener, AnalyzerCategory, DiagnosticSeverity.Warning,
        "IPv4-only wildcard listener",
        "{0} makes {1} listen on IPv4 only, so IPv6 clients cannot reach it; listen on IPAddress.IPv6Any with DualMode = true",
        "IPAddress.Any, IPAddress.Parse(\"0.0.0.0\"), the port-only TcpListener/UdpClient constructors and UdpClient(port, InterNetwork) listen on IPv4 only. The address is followed across the compilation (constructors that map host words to a field, options properties, helpers returning endpoints, arguments) and reported where it is chosen, with the listener as the additional location. Broadcast and DHCPv4 sockets and deliberate two-socket designs are not reported.");

    internal static readonly DiagnosticDescriptor UnguardedEmptyHost = Create(
        DiagnosticIds.UnguardedEmptyHost, AnalyzerCategory, DiagnosticSeverity.Warning,
        "Unguarded empty bind host",
        "The host {0} {1}: an empty host is not the dual-stack any-address; {2}",
        "An empty host is a legacy spelling of 'any address' in a server attribute, means nothing to the resolve APIs, and in a host string that can be empty (a configuration value, a parameter, an environment variable) reaching IPAddress.Parse or Dns and then a bind, fails or silently binds something else. Check it, or map it to \"::\" with a dual-stack listener.");

    internal static readonly DiagnosticDescriptor UnnormalizedRemoteAddress = Create(
        DiagnosticIds.UnnormalizedRemoteAddress, AnalyzerCategory, DiagnosticSeverity.Warning,
        "Remote address used without unwrapping the IPv4-mapped form",
        "{0} may be an IPv4-mapped IPv6 address (::ffff:a.b.c.d) on a dual-stack socket; normalize it (MapToIPv4 when IsIPv4MappedToIPv6) before {1}",
        "On a dual-stack socket an IPv4 peer is reported as ::ffff:a.b.c.d. Compared with an IPv4 address, checked against AddressFamily.InterNetwork or used as a key of an allow/deny list, it never matches. The address is followed from the socket through properties and parameters to the use. A branch that already checked the family, and the local endpoint of an AF_INET socket, are not reported.");

    internal static readonly DiagnosticDescriptor DualModeSetTooLate = Create(
        DiagnosticIds.DualModeSetTooLate, AnalyzerCategory, DiagnosticSeverity.Warning,
        "DualMode set after bind or on a non-IPv6 socket",
        "DualMode is set on '{0}' {1}, which throws {2}; {3}",
        "IPV6_V6ONLY can only be changed before the socket is bound, listening or connected, and only on an InterNetworkV6 socket. A bind on an earlier path of the method, even a conditional one, makes the later assignment throw on that path; so does a socket created with AddressFamily.InterNetwork.");

    internal static readonly DiagnosticDescriptor SingleFamilyLoopbackListener = Create(
        DiagnosticIds.SingleFamilyLoopbackListener, AnalyzerCategory, DiagnosticSeverity.Info,
        "Single-family loopback listener",
        "Listening on {0} alone in {1}: clients that resolve localhost to the other family cannot connect; listen on both loopbacks",
        "localhost resolves to both 127.0.0.1 and ::1, and clients pick either. A listener on one of them (often chosen in a constructor that maps \"localhost\" to IPAddress.Loopback) refuses the others. The address is reported where it is chosen; types that also listen on the other loopback are not reported.");

    internal static readonly DiagnosticDescriptor TextualHostPort = Create(
        DiagnosticIds.TextualHostPort, AnalyzerCategory, DiagnosticSeverity.Info,
        "Host and port joined or split as text with ':'",
        "{0} with ':' ({1}) breaks on IPv6 addresses, which contain ':'; use IPEndPoint.Parse/ToString or UriBuilder",
        "An IPv6 address contains ':' and must be bracketed next to a port. Every spelling of the join is reported ($\"{a}:{p}\", a + \":\" + p, string.Concat, string.Format) and the splits that cut at a ':' (Split, IndexOf and LastIndexOf with Substring). Text that only reaches a log line, an exception or a dictionary key, an arm already chosen by an AddressFamily check, and splits in code that handles '[' are not reported.");

    internal static readonly DiagnosticDescriptor FirstDnsResultOnly = Create(
        DiagnosticIds.FirstDnsResultOnly, AnalyzerCategory, DiagnosticSeverity.Info,
        "Only one DNS result is used",
        "Only {0} of {1} is used to {2} ({3}); the others (often the other family) are never tried",
        "A DNS answer often holds an IPv6 and an IPv4 address, in an order that depends on the machine, and the one picked may be the one that does not work here. Indexing [0] or [1], First(), Last(), or returning the first match of a foreach over the answer (also kept in a field first) tries only one. Connect by name, or try every address.");

    internal static readonly DiagnosticDescriptor IPv6WildcardWithoutDualMode = Create(
        DiagnosticIds.IPv6WildcardWithoutDualMode, AnalyzerCategory, DiagnosticSeverity.Warning,
        "IPv6 wildcard socket without DualMode",
        "{0} makes {1} listen on IPv6 only, because .NET creates IPv6 sockets with DualMode off; set DualMode = true before binding",
        "A socket, TcpListener or UdpClient bound to IPAddress.IPv6Any without DualMode = true (or an explicit IPV6_V6ONLY option) serves IPv6 clients only. The address is followed from where it is chosen (a helper, a configuration keyword) to the bind. Types that also open the IPv4 side (one socket per family, on purpose) are not reported.");

    internal static readonly DiagnosticDescriptor ServerClassNotPartial = Create(
        DiagnosticIds.ServerClassNotPartial, GeneratorCategory, DiagnosticSeverity.Error,
        "Server class must be partial",
        "'{0}' has [{1}] but is not partial; declare it 'partial' so the server can be generated into it",
        "The generator adds the server's members (Options, StartAsync, StopAsync, the accept loop) in a second declaration of the class, which C# only allows for a partial class. Without 'partial' nothing is generated, and the class is no server.");

    internal static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        DiagnosticIds.ContainingTypeNotPartial, GeneratorCategory, DiagnosticSeverity.Error,
        "Containing type of a server class must be partial",
        "'{0}' contains the server class '{1}' but is not partial; declare it 'partial'",
        "The generated source repeats the declaration of every type the server class is nested in, which C# only allows for partial types. Nothing is generated until each containing type is partial.");

    internal static readonly DiagnosticDescriptor GenericServerClass = Create(
        DiagnosticIds.GenericServerClass, GeneratorCategory, DiagnosticSeverity.Error,
        "Server class cannot be generic",
        "'{0}' is generic; [{1}] needs a non-generic class",
        "A generated server has one name for its logs, metrics and configuration section, and one handler to call; a type parameter of the class or of a type it is nested in would leave them open. Keep the server non-generic and hold generic collaborators in fields.");

    internal static readonly DiagnosticDescriptor InvalidHost = Create(
        DiagnosticIds.InvalidHost, GeneratorCategory, DiagnosticSeverity.Error,
        "Invalid host",
        "The host {0} is not valid: {1}",
        "The host is checked with the runtime's own strict rules (four decimal numbers for IPv4, an IPv6 literal with or without brackets, a DNS name, no port), so that a typo never becomes a different address. A host the runtime would reject at start fails the build instead.");

    internal static readonly DiagnosticDescriptor PortOutOfRange = Create(
        DiagnosticIds.PortOutOfRange, GeneratorCategory, DiagnosticSeverity.Error,
        "Port out of range",
        "Port {0} is outside 0-65535 (0 lets the OS pick a free port)",
        "A TCP or UDP port is 16 bits, and any other value would fail at start. Port 0 lets the OS pick a free port, the same one for every socket of the server.");

    internal static readonly DiagnosticDescriptor HostModeContradiction = Create(
        DiagnosticIds.HostModeContradiction, GeneratorCategory, DiagnosticSeverity.Error,
        "Host and listen mode contradict each other",
        "The host {0} cannot be served with ListenMode.{1}: {2}",
        "An address literal names one family; with a mode that excludes that family, or that serves both families, the runtime would throw at start. Listen on \"::\" or \"localhost\" for both families, or choose a mode that fits the address.");

    internal static readonly DiagnosticDescriptor HandlerMissing = Create(
        DiagnosticIds.HandlerMissing, GeneratorCategory, DiagnosticSeverity.Error,
        "Handler method missing",
        "'{0}' has [{1}] but no handler; add '{2}'",
        "The generated server hands every connection (OnConnectionAsync) or datagram (OnDatagramAsync) to one method of the class. Without it there is nothing to serve, and nothing is generated.");

    internal static readonly DiagnosticDescriptor HandlerWrongParameters = Create(
        DiagnosticIds.HandlerWrongParameters, GeneratorCategory, DiagnosticSeverity.Error,
        "Handler has the wrong parameters",
        "'{0}' must take ({1}); it takes ({2})",
        "The generated server calls the handler with the connection or datagram and the server's cancellation token, which is how a graceful stop reaches the handler. A handler with other parameters (or ref, out, in, params, type parameters) cannot be called that way.");

    internal static readonly DiagnosticDescriptor HandlerWrongReturnType = Create(
        DiagnosticIds.HandlerWrongReturnType, GeneratorCategory, DiagnosticSeverity.Error,
        "Handler has the wrong return type",
        "'{0}' must return Task or ValueTask; it returns '{1}'",
        "The server awaits the handler to know when a connection or datagram is done, to count it against the limits and to wait for it on stop. Anything but a non-nullable Task or ValueTask returned by value cannot be awaited that way, and an async void handler's exceptions would crash the process.");

    internal static readonly DiagnosticDescriptor HandlerDeclaredTwice = Create(
        DiagnosticIds.HandlerDeclaredTwice, GeneratorCategory, DiagnosticSeverity.Error,
        "Handler declared more than once",
        "'{0}' is declared more than once; the server needs exactly one handler",
        "The server calls exactly one handler. With overloads it is unclear which one is meant, and a later edit could switch the server to another one without any error.");

    internal static readonly DiagnosticDescriptor BothTcpAndUdpServer = Create(
        DiagnosticIds.BothTcpAndUdpServer, GeneratorCategory, DiagnosticSeverity.Error,
        "A class cannot be both a TCP and a UDP server",
        "'{0}' has both [TcpServer] and [UdpServer]; put each server in its own partial class",
        "Both attributes would generate Options, StartAsync, StopAsync and LocalEndPoints into the same class. Nothing is generated until each server has a class of its own.");

    internal static readonly DiagnosticDescriptor InvalidServerOption = Create(
        DiagnosticIds.InvalidServerOption, GeneratorCategory, DiagnosticSeverity.Error,
        "Invalid server option",
        "{0} = {1} is out of range: {2}",
        "The attribute's options are checked against the ranges the runtime enforces: Backlog is the OS's accept queue (at least 1), MaxConcurrentConnections a limit (0 for none), MaxDatagramSize the largest UDP payload, Mode a ListenMode value. A value the runtime would reject fails the build instead of the start.");

    // A warning, not an error: hosting is often referenced transitively (ASP.NET Core) by projects that start their
    // servers by hand, and for them a constructor the service provider cannot call is no defect.
    internal static readonly DiagnosticDescriptor NoHostingConstructor = Create(
        DiagnosticIds.NoHostingConstructor, GeneratorCategory, DiagnosticSeverity.Warning,
        "Server class has no constructor a service provider can call",
        "'{0}' gets no Add{0} method for the generic host: {1}",
        "With Microsoft.Extensions.Hosting referenced, each server gets an Add<Name> registration whose factory calls one of its constructors with services. When no constructor can be chosen or called that way, the registration is left out and the server must be registered by hand; the server itself is still generated.");

    // A warning for the same reason as DSG0112: the server itself is fine, only its registration method is withheld.
    internal static readonly DiagnosticDescriptor HostingNameClash = Create(
        DiagnosticIds.HostingNameClash, GeneratorCategory, DiagnosticSeverity.Warning,
        "Hosting registration not generated: name clash",
        "'{0}' gets no Add{0} method for the generic host: {1}",
        "Two servers in one namespace, or a server and a type of yours, would get the same registration method, extension class or configuration section, so the generated code would not compile or two servers would read one section. Their registrations are left out; the servers themselves are still generated.");

    internal static readonly DiagnosticDescriptor UnsupportedServerClass = Create(
        DiagnosticIds.UnsupportedServerClass, GeneratorCategory, DiagnosticSeverity.Error,
        "Server class cannot be static or file-local",
        "'{0}' cannot be a server: it is {1}, and the generated half of the class is a separate file that declares instance members",
        "The generated half of a server is a declaration of the class in a file of its own, with instance members: a static class cannot have them, and a file-local type cannot have a part in another file. Nothing is generated for the class.");

    internal static readonly DiagnosticDescriptor GeneratedMemberNameTaken = Create(
        DiagnosticIds.GeneratedMemberNameTaken, GeneratorCategory, DiagnosticSeverity.Error,
        "Server class already has a member the generator declares",
        "'{0}' cannot be a server: {1} '{2}', which the generated server declares itself; rename it",
        "The generated server declares Options, LocalEndPoints, IsRunning, StartAsync, RunAsync, StopAsync, DisposeAsync and fields named _dualStackGen*. A member of the class, or an accessible member of a base class, with one of those names would be an error inside the generated file or would change what the server calls, so nothing is generated.");

    internal static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        DiagnosticIds.LanguageVersionTooLow, GeneratorCategory, DiagnosticSeverity.Error,
        "Generated servers need C# 9 or later",
        "'{0}' is not generated: the project compiles with C# {1}, and the generated server needs C# 9 or later; raise <LangVersion>",
        "The generated server uses C# 9 features, so a project compiled with an older language version would get errors inside the generated file. Nothing is generated until the language version is raised.");

    internal static readonly DiagnosticDescriptor HandlerObsolete = Create(
        DiagnosticIds.HandlerObsolete, GeneratorCategory, DiagnosticSeverity.Error,
        "Handler marked [Obsolete] or [Experimental]",
        "'{0}' is marked [{1}], and the generated server calls it on every {2}; remove the attribute or move the handler's body to a method of its own",
        "The generated server calls the handler for every connection or datagram. On an [Obsolete] or [Experimental] handler that call would be a warning or an error inside a generated file, where it can neither be fixed nor suppressed, so nothing is generated.");

    // Category and severity are passed at each descriptor, as constants: the release tracking analyzer (RS2000-RS2008)
    // reads them from the call to compare with AnalyzerReleases.*.md, and cannot see through a helper that fixes them.
    private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity defaultSeverity, string title, string messageFormat, string description) =>
        new(id, title, messageFormat, category, defaultSeverity, isEnabledByDefault: true, description, helpLinkUri: HelpLinkBase + id + ".md");
}
