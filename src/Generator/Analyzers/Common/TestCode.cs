using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Test and benchmark projects: free-port probes, backlog fillers and fakes on <c>127.0.0.1</c> are IPv4 on purpose, so
/// the DSG rules leave such projects alone unless <c>dualstackgen_analyze_test_code = true</c> asks for them.
/// A project is test code when MSBuild says so (<c>IsTestProject</c>, made visible to the compiler by the package's
/// build props) or when it references a test or benchmark framework.
/// </summary>
internal static class TestCode
{
    /// <summary>The .editorconfig (or .globalconfig) key that turns the analysis of test code back on.</summary>
    public const string AnalyzeTestCodeKey = "dualstackgen_analyze_test_code";

    private const string IsTestProjectKey = "build_property.IsTestProject";

    private static readonly string[] TestFrameworks =
    [
        "xunit.core", "xunit.v3.core", "xunit.assert", "xunit.v3.assert", "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework", "BenchmarkDotNet",
    ];

    /// <summary>Whether the rules should skip <paramref name="compilation"/>.</summary>
    public static bool IsSkipped(Compilation compilation, AnalyzerOptions options)
    {
        AnalyzerConfigOptionsProvider provider = options.AnalyzerConfigOptionsProvider;
        if (!IsTestProject(compilation, provider))
        {
            return false;
        }

        if (IsTrue(provider.GlobalOptions, AnalyzeTestCodeKey))
        {
            return false;
        }

        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (provider.GetOptions(tree).TryGetValue(AnalyzeTestCodeKey, out string? value))
            {
                return !string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            }
        }

        return true;
    }

    private static bool IsTestProject(Compilation compilation, AnalyzerConfigOptionsProvider provider)
    {
        if (IsTrue(provider.GlobalOptions, IsTestProjectKey))
        {
            return true;
        }

        foreach (AssemblyIdentity reference in compilation.ReferencedAssemblyNames)
        {
            if (Array.IndexOf(TestFrameworks, reference.Name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
