using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Generator.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.CodeFixes.Common;

/// <summary>
/// DSG0002 reported where <c>IPAddress.Any</c> is assigned (a constructor, an initializer, a setter) and bound by a
/// <c>new TcpListener(address, port)</c> elsewhere: the assignment becomes <c>IPAddress.IPv6Any</c>, and the listener,
/// right after its creation, gets <c>DualMode = true</c> when its socket is IPv6. The guard keeps the other values the
/// field may hold (an IPv4 literal, <c>IPAddress.Loopback</c>) working: <c>DualMode</c> throws on an IPv4 socket.
/// </summary>
internal static class OriginFix
{
    public const string Title = "Listen on IPv6Any in dual mode";

    public static bool TryRegister(CodeFixContext context, FixTarget target, Location origin, SyntaxNode sink, DualStackSymbols symbols, string ruleId)
    {
        if (origin.SourceTree is not { } originTree || context.Document.Project.Solution.GetDocument(originTree) is not { } originDocument
            || sink is not BaseObjectCreationExpressionSyntax creation
            || target.Model.GetOperation(creation, context.CancellationToken) is not IObjectCreationOperation { Arguments.Length: 2 } operation
            || !SymbolEqualityComparer.Default.Equals(operation.Type, symbols.TcpListener)
            || ListenerStatement(creation) is not { } holding)
        {
            return false;
        }

        // An origin already IPv6Any is one an earlier fix of the same FixAll changed for another listener it reaches:
        // this listener still needs its DualMode.
        if (originTree == target.Root.SyntaxTree
            && (target.Root.FindNode(origin.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax chosen || !IsAssigned(chosen)
                || target.Model.GetOperation(chosen, context.CancellationToken) is not { } chosenOperation
                || !(symbols.IsIPv4Any(chosenOperation) || symbols.IsIPv6Any(chosenOperation))))
        {
            return false;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, cancellationToken => FixAsync(originDocument, origin, target.Document, holding.Statement, holding.Listener, symbols, cancellationToken), ruleId),
            target.Diagnostic);
        return true;
    }

    private static async Task<Solution> FixAsync(Document originDocument, Location origin, Document sinkDocument, StatementSyntax statement, string listener, DualStackSymbols symbols, CancellationToken cancellationToken)
    {
        var editors = new Dictionary<DocumentId, DocumentEditor>();
        async Task<DocumentEditor> EditorOf(Document document)
        {
            if (!editors.TryGetValue(document.Id, out DocumentEditor? editor))
            {
                editors[document.Id] = editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            }

            return editor;
        }

        DocumentEditor originEditor = await EditorOf(originDocument).ConfigureAwait(false);
        SyntaxNode originNode = originEditor.OriginalRoot.FindNode(origin.SourceSpan, getInnermostNodeForTie: true);
        if (originNode is not ExpressionSyntax chosen || !IsAssigned(chosen)
            || originEditor.SemanticModel.GetOperation(chosen, cancellationToken) is not { } chosenOperation)
        {
            return originDocument.Project.Solution;
        }

        if (symbols.IsIPv4Any(chosenOperation))
        {
            // The annotations stay: FixAll finds the origin again by them for the other listeners it reaches.
            originEditor.ReplaceNode(chosen, chosen.CopyAnnotationsTo(FixSyntax.IPv6Any.WithTriviaFrom(chosen))!);
        }
        else if (!symbols.IsIPv6Any(chosenOperation))
        {
            return originDocument.Project.Solution;
        }

        // Every listener the origin reaches becomes dual-mode, not only the one this diagnostic names: once the origin is
        // IPv6Any, a listener left without DualMode would serve IPv6 alone.
        var sinks = new List<(Document Document, StatementSyntax Statement, string Listener)> { (sinkDocument, statement, listener) };
        sinks.AddRange(await OtherListenersReachedAsync(originDocument.Project, origin, sinkDocument, statement, symbols, cancellationToken).ConfigureAwait(false));
        foreach ((Document document, StatementSyntax holding, string name) in sinks)
        {
            DocumentEditor sinkEditor = await EditorOf(document).ConfigureAwait(false);
            StatementSyntax current = sinkEditor.OriginalRoot.FindNode(holding.Span).FirstAncestorOrSelf<StatementSyntax>()!;
            if (!SetsDualModeNext(current, name))
            {
                sinkEditor.InsertAfter(current, DualModeGuard(current, name, cancellationToken));
            }
        }

        Solution solution = originDocument.Project.Solution;
        foreach (KeyValuePair<DocumentId, DocumentEditor> edited in editors)
        {
            solution = solution.WithDocumentSyntaxRoot(edited.Key, edited.Value.GetChangedRoot());
        }

        return solution;
    }

    /// <summary><c>if (listener.Server.AddressFamily == InterNetworkV6) { listener.Server.DualMode = true; }</c>, to insert after <paramref name="after"/>.</summary>
    public static StatementSyntax DualModeGuard(StatementSyntax after, string listener, CancellationToken cancellationToken)
    {
        string indent = string.Concat(after.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Select(trivia => trivia.ToString()));
        string newLine = after.SyntaxTree.GetText(cancellationToken).ToString().Contains("\r\n") ? "\r\n" : "\n";
        return FixSyntax.Statement(
                $"if ({listener}.Server.AddressFamily == global::System.Net.Sockets.AddressFamily.InterNetworkV6){newLine}{indent}{{{newLine}{indent}    {listener}.Server.DualMode = true;{newLine}{indent}}}")
            .WithoutAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)
            .WithLeadingTrivia(SyntaxFactory.Whitespace(indent))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine), SyntaxFactory.EndOfLine(newLine));
    }

    // The project's other new TcpListener(address, port) whose address can be the origin: found by the same flow the
    // analyzer follows, run at fix time over the documents that spell TcpListener.
    private static async Task<List<(Document Document, StatementSyntax Statement, string Listener)>> OtherListenersReachedAsync(
        Project project, Location origin, Document sinkDocument, StatementSyntax sinkStatement, DualStackSymbols symbols, CancellationToken cancellationToken)
    {
        var found = new List<(Document, StatementSyntax, string)>();
        if (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is not { } compilation)
        {
            return found;
        }

        foreach (Document document in project.Documents)
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
                || !root.ToFullString().Contains("TcpListener"))
            {
                continue;
            }

            SemanticModel model = compilation.GetSemanticModel(root.SyntaxTree);
            foreach (BaseObjectCreationExpressionSyntax creation in root.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
            {
                if ((document.Id == sinkDocument.Id && sinkStatement.Span.Contains(creation.Span))
                    || ListenerStatement(creation) is not { } holding
                    || model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation { Arguments.Length: 2 } operation
                    || !SymbolEqualityComparer.Default.Equals(operation.Type, symbols.TcpListener)
                    || ListenSink.From(operation, symbols) is not { } sink)
                {
                    continue;
                }

                if (sink.AddressOrigins(compilation, symbols).Exists(candidate => candidate.Syntax.SyntaxTree == origin.SourceTree && candidate.Syntax.Span == origin.SourceSpan))
                {
                    found.Add((document, holding.Statement, holding.Listener));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Whether the origin is the value of an assignment or an initializer, which is where a person changes it, directly or
    /// as one arm of a choice (<c>any ? IPAddress.Any : IPAddress.Loopback</c>, <c>ip ?? IPAddress.Any</c>, a switch arm).
    /// </summary>
    private static bool IsAssigned(ExpressionSyntax origin)
    {
        SyntaxNode value = origin;
        while (true)
        {
            switch (value.Parent)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    value = parenthesized;
                    continue;
                case ConditionalExpressionSyntax conditional when conditional.WhenTrue == value || conditional.WhenFalse == value:
                    value = conditional;
                    continue;
                case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Right == value:
                    value = coalesce;
                    continue;
                case SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax switchExpression } arm when arm.Expression == value:
                    value = switchExpression;
                    continue;
            }

            return value.Parent is EqualsValueClauseSyntax || (value.Parent is AssignmentExpressionSyntax assignment && assignment.Right == value);
        }
    }

    // The guard this fix writes, already right after the listener's statement (an earlier fix for the same listener).
    public static bool SetsDualModeNext(StatementSyntax statement, string listener) =>
        statement.Parent is BlockSyntax block && block.Statements.IndexOf(statement) is var index && index + 1 < block.Statements.Count
        && block.Statements[index + 1] is IfStatementSyntax next && next.Statement.ToString().Contains(listener + ".Server.DualMode = true");

    /// <summary>The statement that stores the new listener, and the expression naming it.</summary>
    public static (StatementSyntax Statement, string Listener)? ListenerStatement(BaseObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax statement } } declarator }
            when statement.Parent is BlockSyntax => (statement, declarator.Identifier.Text),
        AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement } assignment => (statement, assignment.Left.ToString()),
        _ => null,
    };
}
