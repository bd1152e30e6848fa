using System;
using System.IO;
using System.Runtime.CompilerServices;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Tests;

/// <summary>The README's quick start, compiled as written with the generator: a user copying it gets no diagnostics.</summary>
public sealed class ReadmeQuickStartTests
{
    private const string SectionHeading = "## Quick start: a generated server";

    [Fact]
    public void The_quick_start_compiles_without_diagnostics()
    {
        string example = ExtractQuickStart();

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(OutputKind.ConsoleApplication, example)).AssertGeneratorDidNotThrow();

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains(run.Single.GeneratedSources, source => source.HintName == "EchoServer.g.cs");
    }

    private static string ExtractQuickStart([CallerFilePath] string testFile = "")
    {
        string readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int section = readme.IndexOf(SectionHeading + "\n", StringComparison.Ordinal);
        Assert.True(section >= 0, $"README.md has no \"{SectionHeading}\" section.");
        const string Fence = "```csharp\n";
        int start = readme.IndexOf(Fence, section, StringComparison.Ordinal) + Fence.Length;
        int end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        Assert.True(start >= Fence.Length && end > start, "The quick-start section has no ```csharp block.");
        return readme.Substring(start, end - start);
    }
}
