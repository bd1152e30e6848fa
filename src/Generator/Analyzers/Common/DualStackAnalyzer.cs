using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>The set-up every DSG analyzer shares: concurrent, generated code and test projects skipped, symbols resolved once per compilation.</summary>
public abstract class DualStackAnalyzer : DiagnosticAnalyzer
{
    private protected DualStackAnalyzer(DiagnosticDescriptor rule)
    {
        Rule = rule;
        SupportedDiagnostics = ImmutableArray.Create(rule);
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    private protected DiagnosticDescriptor Rule { get; }

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is not analyzed. The driver is not asked to drop diagnostics that land in it either: to answer,
        // it reads every token of each file a diagnostic is reported in (looking for [GeneratedCode]), which cost more
        // than the rules themselves on a long method. A diagnostic lands where the driver called the rule, which is not
        // generated, or at an origin in another body, which FlowReporter checks itself (GeneratedCode).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            if (DualStackSymbols.TryCreate(start.Compilation) is { } symbols && !TestCode.IsSkipped(start.Compilation, start.Options))
            {
                Register(start, symbols);
            }
        });
    }

    private protected abstract void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols);
}
