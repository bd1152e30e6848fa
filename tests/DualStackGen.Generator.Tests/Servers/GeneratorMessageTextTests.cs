using System.Globalization;
using System.Linq;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>Each generator rule's message as a user reads it, on one small example: what was wrong and what to do.</summary>
public sealed class GeneratorMessageTextTests
{
    private const string TcpHandler = "private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;";
    private const string UdpHandler = "private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;";

    [Fact]
    public void DSG0100_names_the_class_and_the_attribute() => AssertMessage("DSG0100", "'EchoServer' has [TcpServer] but is not partial; declare it 'partial' so the server can be generated into it", $$"""
        [TcpServer("::", 1)]
        public class EchoServer
        {
            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0101_names_the_containing_type_and_the_server() => AssertMessage("DSG0101", "'Servers' contains the server class 'EchoServer' but is not partial; declare it 'partial'", $$"""
        public class Servers
        {
            [TcpServer("::", 1)]
            public partial class EchoServer
            {
                {{TcpHandler}}
            }
        }
        """);

    [Fact]
    public void DSG0102_names_the_generic_class() => AssertMessage("DSG0102", "'EchoServer' is generic; [UdpServer] needs a non-generic class", $$"""
        [UdpServer("::", 1)]
        public partial class EchoServer<TState>
        {
            {{UdpHandler}}
        }
        """);

    [Theory]
    [InlineData("\"010.0.0.1\"", "The host \"010.0.0.1\" is not valid: an IPv4 address is four decimal numbers from 0 to 255 without leading zeros, as in 192.0.2.10")]
    [InlineData("\"[::1]:80\"", "The host \"[::1]:80\" is not valid: it looks like a host and a port; give the port separately")]
    [InlineData("null", "The host null is not valid: use \"::\" for any address or \"localhost\" for the loopbacks")]
    public void DSG0103_quotes_the_host_and_says_what_is_wrong_with_it(string host, string expected) => AssertMessage("DSG0103", expected, $$"""
        [TcpServer({{host}}, 1)]
        public partial class EchoServer
        {
            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0104_names_the_port_and_the_range() => AssertMessage("DSG0104", "Port 70000 is outside 0-65535 (0 lets the OS pick a free port)", $$"""
        [TcpServer("::", 70000)]
        public partial class EchoServer
        {
            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("0.0.0.0", "DualStack", "The host \"0.0.0.0\" cannot be served with ListenMode.DualStack: it is one IPv4 address, so it cannot be served on both families; use \"::\" (or \"*\") to serve any address on both families, \"localhost\" for both loopbacks, or ListenMode.Auto")]
    [InlineData("::1", "IPv4Only", "The host \"::1\" cannot be served with ListenMode.IPv4Only: it is an IPv6 address, and the mode excludes IPv6; use ListenMode.Auto or ListenMode.IPv6Only, or a host of the other family")]
    public void DSG0105_names_the_host_the_mode_and_the_way_out(string host, string mode, string expected) => AssertMessage("DSG0105", expected, $$"""
        [TcpServer("{{host}}", 1, Mode = ListenMode.{{mode}})]
        public partial class EchoServer
        {
            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0106_shows_the_handler_to_add() => AssertMessage("DSG0106", "'EchoServer' has [UdpServer] but no handler; add 'private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken)'", """
        [UdpServer("::", 1)]
        public partial class EchoServer
        {
        }
        """);

    [Fact]
    public void DSG0107_shows_the_expected_and_the_actual_parameters() => AssertMessage("DSG0107", "'OnConnectionAsync' must take (TcpConnection connection, CancellationToken cancellationToken); it takes (TcpConnection connection)", """
        [TcpServer("::", 1)]
        public partial class EchoServer
        {
            private ValueTask OnConnectionAsync(TcpConnection connection) => default;
        }
        """);

    [Fact]
    public void DSG0108_names_the_actual_return_type() => AssertMessage("DSG0108", "'OnConnectionAsync' must return Task or ValueTask; it returns 'void'", """
        [TcpServer("::", 1)]
        public partial class EchoServer
        {
            private async void OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => await Task.Yield();
        }
        """);

    [Fact]
    public void DSG0109_names_the_handler() => AssertMessage("DSG0109", "'OnConnectionAsync' is declared more than once; the server needs exactly one handler", $$"""
        [TcpServer("::", 1)]
        public partial class EchoServer
        {
            {{TcpHandler}}

            private ValueTask OnConnectionAsync(TcpConnection connection) => default;
        }
        """);

    [Fact]
    public void DSG0110_names_the_class() => AssertMessage("DSG0110", "'EchoServer' has both [TcpServer] and [UdpServer]; put each server in its own partial class", $$"""
        [TcpServer("::", 1)]
        [UdpServer("::", 1)]
        public partial class EchoServer
        {
            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("TcpServer", "Backlog = 0", "Backlog = 0 is out of range: it must be at least 1; 512 is the default")]
    [InlineData("TcpServer", "MaxConcurrentConnections = -1", "MaxConcurrentConnections = -1 is out of range: it cannot be negative; 0 means no limit")]
    [InlineData("UdpServer", "MaxDatagramSize = 65528", "MaxDatagramSize = 65528 is out of range: it must be from 1 to 65527, the largest UDP payload")]
    [InlineData("TcpServer", "Mode = (ListenMode)42", "Mode = 42 is out of range: it is not a ListenMode value; use Auto, DualStack, SeparateSockets, IPv6Only or IPv4Only")]
    public void DSG0111_names_the_option_its_value_and_the_range(string attribute, string option, string expected) => AssertMessage("DSG0111", expected, $$"""
        [{{attribute}}("::", 1, {{option}})]
        public partial class EchoServer
        {
            {{(attribute == "TcpServer" ? TcpHandler : UdpHandler)}}
        }
        """);

    [Fact]
    public void DSG0112_names_the_withheld_method_and_why() => AssertMessage("DSG0112", "'EchoServer' gets no AddEchoServer method for the generic host: it has no public or internal constructor", $$"""
        [TcpServer("::", 1)]
        public partial class EchoServer
        {
            private EchoServer() { }

            {{TcpHandler}}
        }
        """, withHosting: true);

    [Fact]
    public void DSG0113_names_the_type_it_clashes_with() => AssertMessage("DSG0113", "'EchoServer' gets no AddEchoServer method for the generic host: the type 'EchoServerServiceCollectionExtensions' already has the name of the extension class 'EchoServerServiceCollectionExtensions'", $$"""
        internal static class EchoServerServiceCollectionExtensions
        {
        }

        [TcpServer("::", 1)]
        public partial class EchoServer
        {
            {{TcpHandler}}
        }
        """, withHosting: true);

    [Fact]
    public void DSG0114_says_what_the_class_is() => AssertMessage("DSG0114", "'EchoServer' cannot be a server: it is static, and the generated half of the class is a separate file that declares instance members", """
        [TcpServer("::", 1)]
        public static partial class EchoServer
        {
            private static ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
        }
        """);

    [Fact]
    public void DSG0115_names_the_member_in_the_way() => AssertMessage("DSG0115", "'EchoServer' cannot be a server: it declares a member named 'IsRunning', which the generated server declares itself; rename it", $$"""
        [TcpServer("::", 1)]
        public partial class EchoServer
        {
            public bool IsRunning;

            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0116_names_the_projects_language_version()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.HandlerUsings + $$"""
            [TcpServer("::", 1)]
            public partial class EchoServer
            {
                {{TcpHandler}}
            }
            """);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        compilation = compilation.ReplaceSyntaxTree(tree, tree.WithRootAndOptions(tree.GetRoot(), GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp8)));

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(compilation).AssertGeneratorDidNotThrow().GeneratorDiagnostics);

        Assert.Equal("DSG0116", diagnostic.Id);
        Assert.Equal(
            "'EchoServer' is not generated: the project compiles with C# 8.0, and the generated server needs C# 9 or later; raise <LangVersion>",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DSG0117_names_the_mark_and_what_the_server_calls_the_handler_for() => AssertMessage("DSG0117", "'OnDatagramAsync' is marked [Obsolete], and the generated server calls it on every datagram; remove the attribute or move the handler's body to a method of its own", """
        [UdpServer("::", 1)]
        public partial class EchoServer
        {
            [System.Obsolete("Use the new protocol")]
            private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
        }
        """);

    private static void AssertMessage(string id, string expected, string source, bool withHosting = false)
    {
        GeneratorRun run = withHosting
            ? GeneratorHarness.RunWithHosting(GeneratorHarness.HandlerUsings + source).AssertGeneratorDidNotThrow()
            : GeneratorHarness.RunWithUsings(source);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(expected, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}
