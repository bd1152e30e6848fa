using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Analyzers.Tests.Support;

/// <summary>The assemblies test code compiles against: the running shared framework, and optionally DualStackGen.Runtime.</summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.Contains("Microsoft.NETCore.App", StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyRuntime = new(() =>
        new[] { typeof(DualStack).Assembly, typeof(Microsoft.Extensions.Logging.ILogger).Assembly }
            .Select(assembly => (MetadataReference)MetadataReference.CreateFromFile(assembly.Location))
            .ToImmutableArray());

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyXunit = new(() =>
        new[] { typeof(Xunit.FactAttribute).Assembly, typeof(Xunit.Assert).Assembly }
            .Select(assembly => (MetadataReference)MetadataReference.CreateFromFile(assembly.Location))
            .ToImmutableArray());

    /// <summary>Gets the shared framework the tests run on (System.Net.Sockets and the rest of the BCL).</summary>
    public static ImmutableArray<MetadataReference> Framework => LazyFramework.Value;

    /// <summary>Gets DualStackGen.Runtime and what its public API needs.</summary>
    public static ImmutableArray<MetadataReference> Runtime => LazyRuntime.Value;

    /// <summary>Gets xunit's core and assert assemblies, the references that make a compilation a test project.</summary>
    public static ImmutableArray<MetadataReference> Xunit => LazyXunit.Value;
}
