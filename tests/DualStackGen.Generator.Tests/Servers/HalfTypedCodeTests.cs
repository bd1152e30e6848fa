using System.Linq;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>
/// Code as it is while being typed: the generator must never throw (the compiler would report CS8785 and drop its
/// output), and it should leave the errors to the compiler rather than pile its own on top.
/// </summary>
public sealed class HalfTypedCodeTests
{
    [Fact]
    public void Missing_closing_braces()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            namespace Samples
            {
                [TcpServer("::", 1)]
                public partial class Server
                {
                    private async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
                    {
                        await connection.Stream.FlushAsync(cancellationToken);
            """);

        AssertCompilerReports(run, "CS1513");
    }

    [Fact]
    public void Attribute_without_arguments()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            [TcpServer]
            public partial class Server
            {
                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """);

        AssertCompilerReports(run, "CS7036");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Single.GeneratedSources);
    }

    [Fact]
    public void Attribute_with_an_unclosed_argument_list()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            [TcpServer(]
            public partial class Server
            {
                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Single.GeneratedSources);
    }

    [Fact]
    public void Attribute_with_one_argument_and_a_trailing_comma()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            [UdpServer("::", ]
            public partial class Server
            {
                private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Single.GeneratedSources);
    }

    [Fact]
    public void Unresolved_type_as_handler_parameter()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            [TcpServer("::", 1)]
            public partial class Server
            {
                private ValueTask OnConnectionAsync(TcpConection connection, CancellationToken cancellationToken) => default;
            }
            """);

        AssertCompilerReports(run, "CS0246");
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Unresolved_return_type()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            [TcpServer("::", 1)]
            public partial class Server
            {
                private ValueTaskk OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """);

        AssertCompilerReports(run, "CS0246");
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Unresolved_attribute_argument()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            [TcpServer(Hosts.Any, 1, Mode = ListenMode.DualStak)]
            public partial class Server
            {
                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """);

        AssertCompilerReports(run, "CS0103");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Single.GeneratedSources);
    }

    [Fact]
    public void Class_without_a_name()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            [TcpServer("::", 1)]
            public partial class
            {
            }
            """);

        AssertCompilerReports(run, "CS1001");
    }

    [Fact]
    public void Handler_without_a_parameter_list_yet()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            [TcpServer("::", 1)]
            public partial class Server
            {
                private ValueTask OnConnectionAsync
            }
            """);

        Assert.NotEmpty(run.CompilationDiagnostics);
    }

    [Fact]
    public void The_attribute_twice_on_two_parts_generates_once()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings(
            """
            [TcpServer("::", 1)]
            public partial class Server
            {
                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """,
            """
            [TcpServer("::", 2)]
            public partial class Server
            {
            }
            """);

        AssertCompilerReports(run, "CS0579");
        Assert.Single(run.Single.GeneratedSources);
    }

    [Fact]
    public void Every_prefix_of_a_server_being_typed()
    {
        const string Complete = """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples
            {
                public partial class Outer
                {
                    [TcpServer("::", 8080, Mode = ListenMode.DualStack, Backlog = 64, MaxConcurrentConnections = 10)]
                    [UdpServer("::1", 8081, MaxDatagramSize = 512)]
                    public partial class Server<T>
                    {
                        public Server(int unused) { }

                        private static async Task OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
                            => await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);

                        private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
                    }
                }
            }
            """;

        var tokenEnds = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Complete).GetRoot().DescendantTokens().Select(token => token.Span.End).Distinct();
        Assert.All(tokenEnds, end => GeneratorHarness.Run(Complete[..end]).AssertGeneratorDidNotThrow());
    }

    [Fact]
    public void A_user_member_with_a_generated_name_is_DSG0115_and_nothing_is_generated()
    {
        GeneratorRun run = GeneratorHarness.RunWithUsings("""
            [TcpServer("::", 1)]
            public partial class Server
            {
                public string Options => "mine";

                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """);

        Assert.Equal("DSG0115", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.Single.GeneratedSources);
        Assert.DoesNotContain(run.CompilationDiagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
    }

    private static void AssertCompilerReports(GeneratorRun run, string id) =>
        Assert.Contains(run.CompilationDiagnostics, diagnostic => diagnostic.Id == id && diagnostic.Severity == DiagnosticSeverity.Error);
}
