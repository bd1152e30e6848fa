using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Generator.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.CodeFixes.Common;

/// <summary>What every DSG code fix shares: one rule, the sink found from any diagnostic, FixAll one fix after another, an action keyed by its equivalence key.</summary>
public abstract class DualStackCodeFixProvider : CodeFixProvider
{
    private protected DualStackCodeFixProvider(string ruleId) => FixableDiagnosticIds = ImmutableArray.Create(ruleId);

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => SequentialFixAllProvider.Create(this);

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (await TargetOfAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } target
                && DualStackSymbols.TryCreate(target.Model.Compilation) is { } symbols)
            {
                RegisterFixes(context, target, symbols);
            }
        }
    }

    /// <summary>
    /// The sink of <paramref name="diagnostic"/>, in its own document: the diagnostic's location, or its first additional
    /// location when the rule reports at an origin apart from the sink.
    /// </summary>
    private static async Task<FixTarget?> TargetOfAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        Location sink = FixTarget.SinkOf(diagnostic);
        Document sinkDocument = sink.SourceTree is { } tree && tree != diagnostic.Location.SourceTree
            ? document.Project.Solution.GetDocument(tree) ?? document
            : document;
        if (sinkDocument != document && sink.SourceTree != await sinkDocument.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        SyntaxNode? root = await sinkDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await sinkDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

        // The analyzers report nothing in a compilation without the socket types, so neither is there anything to fix.
        return root is null || model is null || !root.FullSpan.Contains(sink.SourceSpan)
            ? null
            : new FixTarget(diagnostic, sinkDocument, root, model, sink.SourceSpan, sink == diagnostic.Location ? null : diagnostic.Location);
    }

    /// <summary>Registers the fixes that fit one diagnostic of the rule, if any.</summary>
    private protected abstract void RegisterFixes(CodeFixContext context, FixTarget target, DualStackSymbols symbols);

    /// <summary>
    /// Registers a fix under the rule's equivalence key (or <paramref name="variant"/> of it): FixAll then applies, to every
    /// diagnostic of the rule, whichever fix of that variant fits it, as <c>dotnet format analyzers</c> expects.
    /// </summary>
    private protected void Register(CodeFixContext context, Diagnostic diagnostic, string title, Func<CancellationToken, Task<Document>> fix, string? variant = null) =>
        context.RegisterCodeFix(CodeAction.Create(title, fix, EquivalenceKey(variant)), diagnostic);

    private protected string EquivalenceKey(string? variant) => variant is null ? FixableDiagnosticIds[0] : FixableDiagnosticIds[0] + "." + variant;
}
