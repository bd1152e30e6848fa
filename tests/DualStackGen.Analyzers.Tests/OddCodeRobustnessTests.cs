using System;
using System.Collections.Generic;
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
/// Odd but valid code (partial methods, generics, local functions, top-level statements, records, <c>default</c>,
/// <c>nameof</c>, patterns, <c>stackalloc</c>, unsafe code, tuple switches, recursion) and half-typed code full of
/// errors: every analyzer runs over it and none may throw (an AD0001 in the user's build).
/// </summary>
public sealed class OddCodeRobustnessTests
{
    [Theory]
    [InlineData("OddButValid.cs", false)]
    [InlineData("TopLevel.cs", false)]
    [InlineData("HalfTyped.cs", true)]
    public async Task No_analyzer_throws(string file, bool hasErrors)
    {
        string path = RepositoryPaths.Combine("tests", "DualStackGen.Analyzers.Tests", "LabeledCorpus", "Robustness", file);
        SyntaxTree tree = CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path);
        Compilation compilation = CSharpCompilation.Create(
            "Odd",
            [tree],
            TestReferences.Framework.AddRange(TestReferences.Runtime),
            new CSharpCompilationOptions(file == "TopLevel.cs" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(hasErrors == errors.Length > 0, string.Join("\n", errors.Select(e => e.ToString())));

        foreach (bool analyzeTestCode in new[] { false, true })
        {
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                (exception, analyzer, diagnostic) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: analyzeTestCode,
                logAnalyzerExecutionTime: false);
            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(DualStackAnalyzers.All, options).GetAllDiagnosticsAsync();
            Assert.True(exceptions.Count == 0, string.Join("\n", exceptions));
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            Assert.Contains(diagnostics, d => d.Id.StartsWith("DSG", StringComparison.Ordinal));
        }
    }
}
