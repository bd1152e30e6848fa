using System;
using System.Collections.Immutable;
using System.Linq;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Analyzers.Tests.Support;

/// <summary>Every DSG analyzer in the generator assembly, as the whole-corpus tests run them together.</summary>
internal static class DualStackAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(IPv4OnlyAddressFamilyAnalyzer).Assembly.GetTypes()
        .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();
}
