using System;
using System.IO;
using System.Runtime.CompilerServices;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Tests;

/// <summary>The README's quick starts, compiled as written with the generator: a user copying them gets no diagnostics.</summary>
public sealed class ReadmeQuickStartTests
{
    [Fact]
    public void The_quick_start_compiles_without_diagnostics()
    {
        string example = ExtractExample("## Quick start: a generated server");

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(OutputKind.ConsoleApplication, example)).AssertGeneratorDidNotThrow();

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains(run.Single.GeneratedSources, source => source.HintName == "EchoServer.g.cs");
    }

    [Fact]
    public void The_hosted_quick_start_compiles_without_diagnostics_and_gets_its_Add_method()
    {
        string example = ExtractExample("## Hosted servers: the generic host");

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(OutputKind.ConsoleApplication, GeneratorHarness.HostingReferences, example)).AssertGeneratorDidNotThrow();

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains(run.Single.GeneratedSources, source => source.HintName == "EchoServer.Hosting.g.cs");
    }

    /// <summary>The first <c>```csharp</c> block under a README heading.</summary>
    private static string ExtractExample(string sectionHeading, [CallerFilePath] string testFile = "")
    {
        string readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        int section = readme.IndexOf(sectionHeading + "\n", StringComparison.Ordinal);
        Assert.True(section >= 0, $"README.md has no \"{sectionHeading}\" section.");
        const string Fence = "```csharp\n";
        int start = readme.IndexOf(Fence, section, StringComparison.Ordinal) + Fence.Length;
        int end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        Assert.True(start >= Fence.Length && end > start, $"The section \"{sectionHeading}\" has no ```csharp block.");
        return readme.Substring(start, end - start);
    }
}
