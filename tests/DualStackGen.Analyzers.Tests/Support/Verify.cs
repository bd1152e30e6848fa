using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Analyzers.Tests.Support;

/// <summary>
/// Entry point of the analyzer test harness, in the style of Meziantou.Analyzer's tests:
/// <code>
/// await Verify.Analyzer&lt;XAnalyzer&gt;().WithSource("... [|flagged|] ...").ShouldReportAsync();
/// await Verify.Analyzer&lt;XAnalyzer&gt;().WithCodeFix&lt;XCodeFixProvider&gt;().WithSource(before).ShouldFixToAsync(after);
/// </code>
/// </summary>
internal static class Verify
{
    public static AnalyzerVerifier Analyzer<TAnalyzer>()
        where TAnalyzer : DiagnosticAnalyzer, new() => new(new TAnalyzer());
}
