using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.CodeFixes.Common;

/// <summary>
/// FixAll that applies the fixes of a document one after another, each on the result of the one before, instead of
/// merging independently computed text changes: two fixes that add the same helper to a type, or edit one statement
/// list, would otherwise conflict and be dropped, and a second FixAll would find work left.
/// </summary>
internal static class SequentialFixAllProvider
{
    public static FixAllProvider Create(CodeFixProvider fixer) =>
        FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(fixer, context, document, diagnostics));

    private static async Task<Document?> FixDocumentAsync(CodeFixProvider fixer, FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || diagnostics.IsEmpty)
        {
            return document;
        }

        // Each diagnostic's nodes are tracked by annotation, so that it can be found again after the fixes before it.
        var tracked = new List<(Diagnostic Diagnostic, SyntaxAnnotation Primary, SyntaxAnnotation? Sink)>();
        var annotations = new Dictionary<SyntaxNode, List<SyntaxAnnotation>>();
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            SyntaxAnnotation primary = Annotate(root, diagnostic.Location, annotations);
            Location sink = FixTarget.SinkOf(diagnostic);
            SyntaxAnnotation? sinkAnnotation = sink != diagnostic.Location && sink.SourceTree == diagnostic.Location.SourceTree ? Annotate(root, sink, annotations) : null;
            tracked.Add((diagnostic, primary, sinkAnnotation));
        }

        root = root.ReplaceNodes(annotations.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(annotations[original]));
        Document current = document.WithSyntaxRoot(root);
        foreach ((Diagnostic diagnostic, SyntaxAnnotation primary, SyntaxAnnotation? sink) in tracked)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            SyntaxNode currentRoot = (await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
            SyntaxTree tree = currentRoot.SyntaxTree;
            if (currentRoot.GetAnnotatedNodes(primary).FirstOrDefault() is not { } primaryNode)
            {
                continue;
            }

            var additional = new List<Location>();
            if (sink is not null && currentRoot.GetAnnotatedNodes(sink).FirstOrDefault() is { } sinkNode)
            {
                additional.Add(Location.Create(tree, sinkNode.Span));
            }
            else if (sink is null)
            {
                additional.AddRange(diagnostic.AdditionalLocations);
            }
            else
            {
                continue;
            }

            Diagnostic moved = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, primaryNode.Span), additional, diagnostic.Properties);
            var actions = new List<CodeAction>();
            var fixContext = new CodeFixContext(current, moved, (action, _) => actions.Add(action), context.CancellationToken);
            await fixer.RegisterCodeFixesAsync(fixContext).ConfigureAwait(false);
            // dotnet format passes the key of the first fix of the first diagnostic it holds, or none when that one has
            // no fix: with none, each diagnostic takes its own first fix (a rule's fixes share one key anyway).
            if (actions.FirstOrDefault(action => context.CodeActionEquivalenceKey is null || action.EquivalenceKey == context.CodeActionEquivalenceKey) is not { } chosen)
            {
                continue;
            }

            foreach (CodeActionOperation operation in await chosen.GetOperationsAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (operation is ApplyChangesOperation apply && apply.ChangedSolution.GetDocument(current.Id) is { } changed)
                {
                    current = changed;
                }
            }
        }

        return current;
    }

    private static SyntaxAnnotation Annotate(SyntaxNode root, Location location, Dictionary<SyntaxNode, List<SyntaxAnnotation>> annotations)
    {
        SyntaxNode node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        var annotation = new SyntaxAnnotation("DualStackGen.FixAll");
        if (!annotations.TryGetValue(node, out List<SyntaxAnnotation>? list))
        {
            annotations[node] = list = [];
        }

        list.Add(annotation);
        return annotation;
    }
}
