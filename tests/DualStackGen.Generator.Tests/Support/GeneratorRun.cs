using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Tests.Support;

/// <summary>One generator run: the driver (to run again incrementally), its result, and the compilation with the output.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult Single => Result.Results.Single();

    /// <summary>Gets the compiler's diagnostics (every warning wave on) on the user code plus the generated code, hidden ones left out.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics =>
        [.. OutputCompilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity != DiagnosticSeverity.Hidden)];

    /// <summary>Gets the generated file with the given hint name.</summary>
    public string Generated(string hintName) =>
        Single.GeneratedSources.Single(source => source.HintName == hintName).SourceText.ToString();

    /// <summary>Asserts that the generator did not throw (which the compiler would report as CS8785).</summary>
    public GeneratorRun AssertGeneratorDidNotThrow()
    {
        Assert.Null(Single.Exception);
        Assert.DoesNotContain(GeneratorDiagnostics, diagnostic => diagnostic.Id == "CS8785");
        return this;
    }
}
