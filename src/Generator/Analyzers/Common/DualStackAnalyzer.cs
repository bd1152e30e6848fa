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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
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
