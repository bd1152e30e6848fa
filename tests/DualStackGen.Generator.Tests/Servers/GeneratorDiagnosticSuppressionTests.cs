using System.Linq;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>
/// Generator warnings can be suppressed where they are reported, as the compiler's own: the generator driver applies
/// <c>#pragma warning disable</c> and <c>[SuppressMessage]</c> only to diagnostics located in a syntax tree, not to a
/// location rebuilt from a path and a span (an external file to Roslyn).
/// </summary>
public sealed class GeneratorDiagnosticSuppressionTests
{
    private const string Server = """
        [TcpServer("::", 1)]
        /*attributes*/
        public partial class Server
        {
            public Server(int port) { }

            private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
        }
        """;

    [Fact]
    public void Without_a_suppression_DSG0112_is_reported_in_source_and_not_suppressed()
    {
        Diagnostic diagnostic = Dsg0112(WithAttributes(string.Empty));

        Assert.False(diagnostic.IsSuppressed);
        Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
        Assert.Equal("/user/Source0.cs", diagnostic.Location.SourceTree?.FilePath);
    }

    [Fact]
    public void Pragma_warning_disable_suppresses_DSG0112()
    {
        Diagnostic? diagnostic = Dsg0112OrNull("#pragma warning disable DSG0112\n" + WithAttributes(string.Empty) + "\n#pragma warning restore DSG0112");

        Assert.True(diagnostic is null || diagnostic.IsSuppressed);
    }

    [Fact]
    public void A_pragma_elsewhere_in_the_file_leaves_DSG0112_reported()
    {
        Diagnostic diagnostic = Dsg0112(WithAttributes(string.Empty) + "\n#pragma warning disable DSG0112\n");

        Assert.False(diagnostic.IsSuppressed);
    }

    [Fact]
    public void SuppressMessage_on_the_class_suppresses_DSG0112()
    {
        Diagnostic? diagnostic = Dsg0112OrNull(WithAttributes(
            "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"DualStackGen.Generator\", \"DSG0112:Server class has no constructor a service provider can call\", Justification = \"Started by hand.\")]"));

        Assert.True(diagnostic is null || diagnostic.IsSuppressed);
    }

    private static string WithAttributes(string attributes) => Server.Replace("/*attributes*/", attributes, System.StringComparison.Ordinal);

    private static Diagnostic Dsg0112(string source) =>
        Assert.IsType<Diagnostic>(Dsg0112OrNull(source), exactMatch: false);

    private static Diagnostic? Dsg0112OrNull(string source)
    {
        GeneratorRun run = GeneratorHarness.RunWithHosting(GeneratorHarness.HandlerUsings + source).AssertGeneratorDidNotThrow();
        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Id != "DSG0112");
        return run.GeneratorDiagnostics.SingleOrDefault(diagnostic => diagnostic.Id == "DSG0112");
    }
}
