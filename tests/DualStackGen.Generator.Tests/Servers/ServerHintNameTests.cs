using System;
using System.Linq;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>
/// The compiler compares generated file names ignoring case and drops every server's code (CS8785) on a duplicate:
/// servers whose names collide that way, or through nesting, still each get their own files.
/// </summary>
public sealed class ServerHintNameTests
{
    private const string Handler = "private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Names_that_differ_only_in_case_get_files_of_their_own(bool withHosting)
    {
        string source = GeneratorHarness.HandlerUsings + $$"""
            namespace Samples;

            [TcpServer("::", 1)]
            public partial class Server { {{Handler}} }

            [TcpServer("::", 2)]
            public partial class server { {{Handler}} }

            [TcpServer("::", 3)]
            public partial class Other { {{Handler}} }
            """;
        GeneratorRun run = (withHosting ? GeneratorHarness.RunWithHosting(source) : GeneratorHarness.Run(source)).AssertGeneratorDidNotThrow();

        string[] hintNames = [.. run.Single.GeneratedSources.Select(generated => generated.HintName)];
        Assert.Equal(hintNames.Length, hintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Samples.Other.g.cs", hintNames);
        Assert.Equal(2, hintNames.Count(name => name.StartsWith("Samples.Server.0x", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".g.cs", StringComparison.Ordinal) && !name.Contains(".Hosting", StringComparison.Ordinal)));
        Assert.Contains(run.Single.GeneratedSources, generated => generated.SourceText.ToString().Contains("partial class server", StringComparison.Ordinal));
        Assert.Contains(run.Single.GeneratedSources, generated => generated.SourceText.ToString().Contains("partial class Server", StringComparison.Ordinal));
        AssertNoErrors(run);
        if (withHosting)
        {
            // Configuration section names are case-insensitive: both would read one section.
            Assert.Equal(["DSG0113", "DSG0113"], run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id));
        }
        else
        {
            Assert.Empty(run.GeneratorDiagnostics);
        }
    }

    [Fact]
    public void A_nested_server_and_a_namespace_s_server_of_the_same_display_name_both_get_their_code()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.HandlerUsings + $$"""
            namespace Samples
            {
                public partial class Outer
                {
                    [TcpServer("::", 1)]
                    public partial class Inner { {{Handler}} }
                }
            }

            namespace Samples.Outer
            {
                [TcpServer("::", 2)]
                public partial class Inner { {{Handler}} }
            }
            """).AssertGeneratorDidNotThrow();

        Assert.Equal(2, run.Single.GeneratedSources.Length);
        Assert.All(run.Single.GeneratedSources, generated => Assert.StartsWith("Samples.Outer.Inner.0x", generated.HintName, StringComparison.Ordinal));
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Two_file_local_servers_of_one_name_are_DSG0114_each_and_the_generator_does_not_throw()
    {
        string source = GeneratorHarness.HandlerUsings + $$"""
            namespace Samples;

            [TcpServer("::", 1)]
            file partial class Server { {{Handler}} }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, source).AssertGeneratorDidNotThrow();

        Assert.Equal(["DSG0114", "DSG0114"], run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id));
        Assert.Empty(run.Single.GeneratedSources);
    }

    [Fact]
    public void A_class_and_a_record_of_one_name_get_no_files_and_are_left_to_the_compiler()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.HandlerUsings + """
            namespace Samples;

            [UdpServer("::", 1)]
            public partial class Server { private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default; }
            """, GeneratorHarness.HandlerUsings + $$"""
            namespace Samples;

            [TcpServer("::", 2)]
            public partial record Server { {{Handler}} }
            """).AssertGeneratorDidNotThrow();

        Assert.Empty(run.Single.GeneratedSources);
        Assert.Contains(run.CompilationDiagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Location.SourceTree?.FilePath.StartsWith("/user/", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_tags_are_stable_across_runs()
    {
        string source = GeneratorHarness.HandlerUsings + $$"""
            [TcpServer("::", 1)]
            public partial class Server { {{Handler}} }

            [UdpServer("::", 2)]
            public partial class SERVER { private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default; }
            """;

        string[] first = [.. GeneratorHarness.Run(source).Single.GeneratedSources.Select(generated => generated.HintName).Order(StringComparer.Ordinal)];
        string[] second = [.. GeneratorHarness.Run(source).Single.GeneratedSources.Select(generated => generated.HintName).Order(StringComparer.Ordinal)];

        Assert.Equal(2, first.Length);
        Assert.Equal(first, second);
    }

    private static void AssertNoErrors(GeneratorRun run) =>
        Assert.DoesNotContain(run.CompilationDiagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
}
