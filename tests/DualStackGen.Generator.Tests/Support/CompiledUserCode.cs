using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace DualStackGen.Generator.Tests.Support;

/// <summary>
/// User code compiled with the generator in memory and loaded into a collectible load context of its own; the
/// runtime library it references resolves to the one already loaded, so its types are the test's types.
/// </summary>
internal static class CompiledUserCode
{
    public static Assembly Load(params string[] sources) => Load(GeneratorHarness.Run(sources));

    /// <summary>Compiles against <see cref="GeneratorHarness.HostingReferences"/>, so the servers come with their hosting glue.</summary>
    public static Assembly LoadWithHosting(params string[] sources) => Load(GeneratorHarness.RunWithHosting(sources));

    private static Assembly Load(GeneratorRun generated)
    {
        GeneratorRun run = generated.AssertGeneratorDidNotThrow();
        Assert.Empty(run.CompilationDiagnostics);
        Assert.NotEmpty(run.Single.GeneratedSources);

        using var image = new MemoryStream();
        EmitResult emitted = run.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Select(diagnostic => diagnostic.ToString())));
        image.Position = 0;
        return new AssemblyLoadContext("UserCode-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(image);
    }
}
