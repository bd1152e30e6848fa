using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Servers;

namespace DualStackGen.Analyzers.Tests.Fixes;

/// <summary>
/// The analyzer assemblies load wherever Roslyn 4.8 does (the .NET 8 SDK, VS 17.8) only if they reference nothing newer
/// than what that host carries: an assembly built against a newer Roslyn or System.Collections.Immutable fails to load
/// there (CS8032), and the light bulb and <c>dotnet format</c> then lose every fix without telling why.
/// </summary>
public sealed class RoslynFloorTests
{
    // What a Roslyn 4.8 host provides, at the assembly versions it ships; netstandard is the target framework's facade.
    private static readonly Dictionary<string, Version> HostAssemblies = new(StringComparer.Ordinal)
    {
        ["netstandard"] = new(2, 0, 0, 0),
        ["Microsoft.CodeAnalysis"] = new(4, 8, 0, 0),
        ["Microsoft.CodeAnalysis.CSharp"] = new(4, 8, 0, 0),
        ["Microsoft.CodeAnalysis.Workspaces"] = new(4, 8, 0, 0),
        ["Microsoft.CodeAnalysis.CSharp.Workspaces"] = new(4, 8, 0, 0),
        ["System.Collections.Immutable"] = new(7, 0, 0, 0),
        ["System.Reflection.Metadata"] = new(7, 0, 0, 0),
    };

    [Theory]
    [InlineData("DualStackGen.CodeFixes")]
    [InlineData("DualStackGen.Generator")]
    public void The_analyzer_assembly_references_nothing_newer_than_Roslyn_4_8_ships(string assemblyName)
    {
        string path = AssemblyPath(assemblyName);
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        MetadataReader metadata = reader.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(handle => metadata.GetAssemblyReference(handle))
            .Select(reference => (Name: metadata.GetString(reference.Name), reference.Version))
            .ToList();

        var tooNew = references
            .Where(reference => reference.Name != "DualStackGen.Generator")
            .Where(reference => !HostAssemblies.TryGetValue(reference.Name, out Version? highest) || reference.Version > highest)
            .Select(reference => $"{reference.Name} {reference.Version}")
            .ToList();
        Assert.True(tooNew.Count == 0, $"{assemblyName} references what a Roslyn 4.8 host may not have: {string.Join(", ", tooNew)}");
        Assert.Contains(references, reference => reference.Name == "Microsoft.CodeAnalysis" && reference.Version == HostAssemblies["Microsoft.CodeAnalysis"]);
    }

    private static string AssemblyPath(string assemblyName) => assemblyName switch
    {
        "DualStackGen.CodeFixes" => typeof(IPv4OnlyAddressFamilyCodeFixProvider).Assembly.Location,
        "DualStackGen.Generator" => typeof(ServerGenerator).Assembly.Location,
        _ => throw new ArgumentOutOfRangeException(nameof(assemblyName)),
    };
}
