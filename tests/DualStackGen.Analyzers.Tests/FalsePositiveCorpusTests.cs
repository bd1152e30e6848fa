using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Analyzers.Tests;

/// <summary>
/// Correct dual-stack code must produce no DSG diagnostic at all: the corpus in Corpus/, the runtime's own source and the
/// samples. The legacy sample is the control: the same run must flag it.
/// </summary>
public sealed class FalsePositiveCorpusTests
{
    [Fact]
    public async Task The_corpus_compiles_and_is_silent()
    {
        Compilation compilation = Compile(RepositoryPaths.Combine("tests", "DualStackGen.Analyzers.Tests", "Corpus"));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        AssertSilent(await AnalyzeAsync(compilation));
    }

    [Fact]
    public async Task The_runtime_source_is_silent() =>
        AssertSilent(await AnalyzeAsync(Compile(RepositoryPaths.Combine("src", "Runtime"))));

    [Fact]
    public async Task The_samples_are_silent_except_the_legacy_listener()
    {
        string samples = RepositoryPaths.Combine("samples");
        string legacy = Path.Combine(samples, "LegacyListener") + Path.DirectorySeparatorChar;
        AssertSilent(await AnalyzeAsync(Compile(samples, path => !path.StartsWith(legacy, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task The_legacy_listener_is_flagged_by_every_warning_rule_it_breaks()
    {
        ImmutableArray<Diagnostic> reported = await Diagnostics(Compile(RepositoryPaths.Combine("samples", "LegacyListener")));
        string[] ids = reported.Select(diagnostic => diagnostic.Id).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["DSG0001", "DSG0002", "DSG0003", "DSG0004"], ids);
    }

    [Fact]
    public void Every_analyzer_of_the_catalog_is_in_the_run() =>
        Assert.Equal(9, DualStackAnalyzers.All.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(d => d.Id).Distinct().Count());

    private static void AssertSilent(string[] diagnostics) =>
        Assert.True(diagnostics.Length == 0, "Unexpected diagnostics:\n" + string.Join("\n", diagnostics));

    private static Compilation Compile(string folder, Func<string, bool>? include = null)
    {
        SyntaxTree[] trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(path => include?.Invoke(path) ?? true)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path))
            .ToArray();
        Assert.NotEmpty(trees);
        return CSharpCompilation.Create(
            "Corpus",
            trees,
            TestReferences.Framework.AddRange(TestReferences.Runtime),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
    }

    private static async Task<string[]> AnalyzeAsync(Compilation compilation) =>
        (await Diagnostics(compilation)).Select(d => d.ToString()).ToArray();

    private static async Task<ImmutableArray<Diagnostic>> Diagnostics(Compilation compilation) =>
        (await compilation.WithAnalyzers(DualStackAnalyzers.All).GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Id.StartsWith("DSG", StringComparison.Ordinal))
            .ToImmutableArray();
}
