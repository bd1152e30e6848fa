using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Analyzers.Tests;

/// <summary>
/// The repository's own C# (every project under src/, tests/, samples/ and bench/, test code analyzed too) is real code
/// the analyzers were not written against: none may throw on it. The DSG diagnostics are printed for a reader to judge,
/// not asserted. <c>DUALSTACKGEN_ROBUSTNESS_EXTRA_DIRS</c> (folders separated by the path separator) adds folders of
/// other C# code, each compiled as one project, for a local crash check on code the repository does not hold.
/// </summary>
public sealed class RepositorySourcesRobustnessTests(ITestOutputHelper output)
{
    private static readonly string[] SkippedFolders = ["obj", "bin", "Corpus", "LabeledCorpus"];

    [Fact]
    public async Task No_analyzer_throws_on_the_repository_own_code()
    {
        var folders = new List<string>();
        foreach (string top in new[] { "src", "tests", "samples", "bench" })
        {
            folders.AddRange(Directory.EnumerateFiles(RepositoryPaths.Combine(top), "*.csproj", SearchOption.AllDirectories)
                .Where(project => !IsSkipped(Path.GetRelativePath(RepositoryPaths.Root, project)))
                .Select(project => Path.GetDirectoryName(project)!));
        }

        string? extra = Environment.GetEnvironmentVariable("DUALSTACKGEN_ROBUSTNESS_EXTRA_DIRS");
        folders.AddRange((extra ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(Directory.Exists));

        ImmutableArray<MetadataReference> references = References();
        var exceptions = new List<string>();
        int files = 0;
        foreach (string folder in folders.Order(StringComparer.Ordinal))
        {
            SyntaxTree[] trees = [.. Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(path => !IsSkipped(Path.GetRelativePath(folder, path)) && !path.EndsWith(".verified.cs", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path))];
            if (trees.Length == 0)
            {
                continue;
            }

            files += trees.Length;
            bool topLevel = trees.Any(tree => tree.GetRoot().ChildNodes().Any(node => node is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax));
            Compilation compilation = CSharpCompilation.Create(
                Path.GetFileName(folder),
                trees,
                references,
                new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

            // Test code is analyzed as well: it is code the rules must not crash on either.
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([], new DictionaryConfigOptions(new Dictionary<string, string> { ["dualstackgen_analyze_test_code"] = "true" })),
                (exception, analyzer, _) => exceptions.Add($"{Path.GetRelativePath(RepositoryPaths.Root, folder)}: {analyzer.GetType().Name} threw {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(DualStackAnalyzers.All, options).GetAnalyzerDiagnosticsAsync();
            exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
            foreach (Diagnostic diagnostic in diagnostics.Where(d => d.Id.StartsWith("DSG", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
            {
                FileLinePositionSpan line = diagnostic.Location.GetLineSpan();
                output.WriteLine($"{Path.GetRelativePath(RepositoryPaths.Root, line.Path)}:{line.StartLinePosition.Line + 1}: {diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        output.WriteLine($"{files} files in {folders.Count} projects analyzed.");
        Assert.True(files > 300, $"only {files} files found");
        Assert.True(exceptions.Count == 0, string.Join("\n", exceptions));
    }

    private static bool IsSkipped(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => SkippedFolders.Contains(part, StringComparer.Ordinal));

    /// <summary>The shared framework and every assembly next to the tests (Roslyn, xunit, the runtime, logging), so that most of the code binds.</summary>
    private static ImmutableArray<MetadataReference> References()
    {
        var names = new HashSet<string>(TestReferences.Framework.Select(reference => Path.GetFileName(reference.Display!)), StringComparer.OrdinalIgnoreCase);
        return TestReferences.Framework.AddRange(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => names.Add(Path.GetFileName(path)) && !Path.GetFileName(path).StartsWith("DualStackGen.Analyzers.Tests", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));
    }
}
