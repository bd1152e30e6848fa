using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using DualStackGen.Generator.Servers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Bench.Analyzers;

/// <summary>The DSG analyzers as the compiler loads them, and the compilation inputs every benchmark shares.</summary>
internal static class AnalyzerSet
{
    /// <summary>Gets every DSG analyzer, ordered by rule id, found the way the compiler finds them (by the attribute).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(ServerGenerator).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .OrderBy(RuleOf, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>Gets the shared framework this process runs on, as the references of the benchmark compilations.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Where(path => path.Contains("Microsoft.NETCore.App", StringComparison.Ordinal))
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray();

    // Single-threaded on both sides, so that the compiler's time and the analyzers' summed callback time are both CPU
    // time of one core: the ratio is then the share a build pays, not an artefact of how many cores each side got.
    public static CSharpCompilationOptions CompilationOptions { get; } = new CSharpCompilationOptions(
        OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>The rule id an analyzer reports (each DSG analyzer reports one).</summary>
    public static string RuleOf(DiagnosticAnalyzer analyzer) => analyzer.SupportedDiagnostics[0].Id;

    public static CSharpCompilation Compile(string assemblyName, ImmutableArray<SyntaxTree> trees) =>
        CSharpCompilation.Create(assemblyName, trees, References, CompilationOptions);

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>Runs <paramref name="analyzers"/> over a fresh copy of <paramref name="compilation"/> with per-analyzer timing on.</summary>
    public static AnalysisResult Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        return compilation.Clone().WithAnalyzers(analyzers, options).GetAnalysisResultAsync(default).GetAwaiter().GetResult();
    }
}
