using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Bench.Analyzers;

/// <summary>
/// Registers the operation actions the DSG rules register and does nothing in them: the analyzer driver then binds every
/// body and builds its operation tree as it does for the DSG rules, so a run with this analyzer alone is the driver's own
/// cost, which the rules share with every other operation analyzer of a build.
/// </summary>
// Run in-process by this benchmark only, never loaded by a compiler: the rules for shipped analyzers do not apply.
#pragma warning disable RS1036, RS2008
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class DriverBaselineAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Unused = new("BENCH0001", "Driver baseline", "Never reported", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Unused];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(
            static _ => { },
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.SimpleAssignment,
            OperationKind.PropertyReference,
            OperationKind.Binary,
            OperationKind.InterpolatedString,
            OperationKind.IsPattern);
    }
}
#pragma warning restore RS1036, RS2008
