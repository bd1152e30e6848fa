using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.Generator.Analyzers;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Analyzers.Tests;

/// <summary>What each rule says: the full message text, with the origin, the sink and the member it is in filled in.</summary>
public sealed class MessageTextTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using System.Net;
        using System.Net.Sockets;

        public sealed class Server
        {
            private readonly IPAddress _address;

            public Server(string host) => _address = host == "*" ? IPAddress.Any : IPAddress.Loopback;

            public TcpListener Start(int port) => new TcpListener(_address, port);

            public Socket Raw() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

            public IPAddress[] Empty() => Dns.GetHostAddresses("");

            public bool IsLocal(Socket accepted) => ((IPEndPoint)accepted.RemoteEndPoint!).Address.Equals(IPAddress.Loopback);

            public void Late(Socket socket, IPEndPoint local)
            {
                socket.Bind(local);
                socket.DualMode = true;
            }

            public string Join(string host, int port) => $"{host}:{port}";

            public Socket Connect(string host, int port)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(Dns.GetHostAddresses(host)[0], port);
                return socket;
            }
        }

        public static class V6Server
        {
            public static Socket V6(int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return socket;
            }
        }
        """;

    [Theory]
    [InlineData("DSG0001", "AddressFamily.InterNetwork makes the Socket created by 'new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolT...' in Server.Raw IPv4-only; use AddressFamily.InterNetworkV6 with DualMode = true to serve both families")]
    [InlineData("DSG0002", "IPAddress.Any makes 'new TcpListener(_address, port)' in Server.Start listen on IPv4 only, so IPv6 clients cannot reach it; listen on IPAddress.IPv6Any with DualMode = true")]
    [InlineData("DSG0003", "The host \"\" given to GetHostAddresses does not mean any address: an empty host is not the dual-stack any-address; use \"::\" and a dual-mode socket")]
    [InlineData("DSG0004", "((IPEndPoint)accepted.RemoteEndPoint!).Address may be an IPv4-mapped IPv6 address (::ffff:a.b.c.d) on a dual-stack socket; normalize it (MapToIPv4 when IsIPv4MappedToIPv6) before comparing it with an IPv4 address")]
    [InlineData("DSG0005", "DualMode is set on 'socket' after 'socket.Bind(local)' (line 22), which throws an error (EINVAL); set it before the bind")]
    [InlineData("DSG0006", "Listening on IPAddress.Loopback (127.0.0.1) alone in 'new TcpListener(_address, port)' in Server.Start: clients that resolve localhost to the other family cannot connect; listen on both loopbacks")]
    [InlineData("DSG0007", "Joining a host and a port with ':' ('$\"{host}:{port}\"') breaks on IPv6 addresses, which contain ':'; use IPEndPoint.Parse/ToString or UriBuilder")]
    [InlineData("DSG0008", "Only the first address of the DNS answer is used to connect ('socket.Connect(Dns.GetHostAddresses(host)[0], port)' in Server.Connect); the others (often the other family) are never tried")]
    [InlineData("DSG0009", "IPAddress.IPv6Any makes 'socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port))' in V6Server.V6 listen on IPv6 only, because .NET creates IPv6 sockets with DualMode off; set DualMode = true before binding")]
    public async Task Each_rule_names_what_it_found(string id, string message)
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync();
        string[] messages = diagnostics.Where(d => d.Id == id).Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToArray();
        Assert.Contains(message, messages);
    }

    [Fact]
    public async Task A_finding_in_another_member_points_at_the_sink_too()
    {
        Diagnostic wildcard = (await AnalyzeAsync()).Single(d => d.Id == "DSG0002");
        Assert.Equal("IPAddress.Any", wildcard.Location.SourceTree!.GetText().ToString(wildcard.Location.SourceSpan));
        Location sink = Assert.Single(wildcard.AdditionalLocations);
        Assert.Equal("new TcpListener(_address, port)", sink.SourceTree!.GetText().ToString(sink.SourceSpan));
    }

    [Fact]
    public void Every_rule_has_a_description_and_a_message_with_text_around_its_placeholders()
    {
        DiagnosticDescriptor[] rules = typeof(IPv4OnlyAddressFamilyAnalyzer).Assembly.GetTypes()
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
            .SelectMany(type => ((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics)
            .ToArray();
        Assert.Equal(9, rules.Length);
        foreach (DiagnosticDescriptor rule in rules)
        {
            string format = rule.MessageFormat.ToString(CultureInfo.InvariantCulture);
            Assert.True(format.Replace("{0}", "", StringComparison.Ordinal).Replace("{1}", "", StringComparison.Ordinal).Replace("{2}", "", StringComparison.Ordinal).Replace("{3}", "", StringComparison.Ordinal).Trim().Length > 20, $"{rule.Id}: '{format}' says nothing of its own.");
            Assert.False(string.IsNullOrWhiteSpace(rule.Description.ToString(CultureInfo.InvariantCulture)), $"{rule.Id} has no description.");
            Assert.StartsWith(DiagnosticDescriptors.HelpLinkBase, rule.HelpLinkUri, StringComparison.Ordinal);
        }
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync()
    {
        Compilation compilation = CSharpCompilation.Create(
            "Messages",
            [CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest), "/messages/Server.cs")],
            TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(IPv4OnlyAddressFamilyAnalyzer).Assembly.GetTypes()
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        return await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
    }
}
