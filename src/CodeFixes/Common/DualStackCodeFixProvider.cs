using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Generator.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.CodeFixes.Common;

/// <summary>What every DSG code fix shares: one rule, FixAll by batch merging, an action keyed by its title.</summary>
public abstract class DualStackCodeFixProvider : CodeFixProvider
{
    private protected DualStackCodeFixProvider(string ruleId) => FixableDiagnosticIds = ImmutableArray.Create(ruleId);

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);

        // The analyzers report nothing in a compilation without the socket types, so neither is there anything to fix.
        if (root is null || model is null || DualStackSymbols.TryCreate(model.Compilation) is not { } symbols)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            RegisterFixes(context, diagnostic, root, model, symbols);
        }
    }

    /// <summary>Registers the fixes that fit one diagnostic of the rule, if any.</summary>
    private protected abstract void RegisterFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel model, DualStackSymbols symbols);

    /// <summary>
    /// Registers a fix under the rule's equivalence key (or <paramref name="variant"/> of it): FixAll then applies, to every
    /// diagnostic of the rule, whichever fix of that variant fits it, as <c>dotnet format analyzers</c> expects.
    /// </summary>
    private protected void Register(CodeFixContext context, Diagnostic diagnostic, string title, Func<CancellationToken, Task<Document>> fix, string? variant = null) =>
        context.RegisterCodeFix(CodeAction.Create(title, fix, EquivalenceKey(variant)), diagnostic);

    private protected string EquivalenceKey(string? variant) => variant is null ? FixableDiagnosticIds[0] : FixableDiagnosticIds[0] + "." + variant;
}
