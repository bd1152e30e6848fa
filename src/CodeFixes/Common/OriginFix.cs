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
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.CodeFixes.Common;

/// <summary>
/// DSG0002 reported where <c>IPAddress.Any</c> is assigned (a constructor, an initializer, a setter) and bound by
/// <c>new TcpListener(address, port)</c> elsewhere in the document: the assignment becomes <c>IPAddress.IPv6Any</c>, and
/// every listener it reaches, right after its creation, gets <c>DualMode = true</c> when its socket is IPv6. Offered only
/// when every sink the origin reaches is such a listener in the same document. The guard keeps the other values the
/// field may hold (an IPv4 literal, <c>IPAddress.Loopback</c>) working: <c>DualMode</c> throws on an IPv4 socket.
/// </summary>
internal static class OriginFix
{
    public const string Title = "Listen on IPv6Any in dual mode";

    public static bool TryRegister(CodeFixContext context, FixTarget target, Location origin, SyntaxNode sink, DualStackSymbols symbols, string ruleId)
    {
        // The origin and every listener it reaches in one document: FixAll (SequentialFixAllProvider) carries the edits
        // of the diagnostic's own document only, so a fix that also edited another would lose those edits there.
        if (origin.SourceTree != target.Root.SyntaxTree
            || sink is not BaseObjectCreationExpressionSyntax
            || target.Root.FindNode(origin.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax chosen
            || !(IsAssigned(chosen, target.Model, symbols, context.CancellationToken) || IsChoiceArmOf(chosen, sink)) || OtherArmIsIPv6(chosen, target.Model, symbols, context.CancellationToken)
            || target.Model.GetOperation(chosen, context.CancellationToken) is not { } chosenOperation
            // An origin already IPv6Any is one an earlier fix of the same FixAll changed for another listener it reaches.
            || !(symbols.IsIPv4Any(chosenOperation) || symbols.IsIPv6Any(chosenOperation))
            || GuardableListeners(target.Model.Compilation, origin.SourceTree, IsOrigin(origin), symbols, context.CancellationToken) is not { Count: > 0 } listeners)
        {
            return false;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, cancellationToken => FixAsync(target.Document, origin, listeners, symbols, cancellationToken), ruleId),
            target.Diagnostic);
        return true;
    }

    private static async Task<Document> FixAsync(Document document, Location origin, List<(TextSpan Statement, string Listener)> listeners, DualStackSymbols symbols, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (editor.OriginalRoot.FindNode(origin.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax chosen
            || editor.SemanticModel.GetOperation(chosen, cancellationToken) is not { } chosenOperation)
        {
            return document;
        }

        if (symbols.IsIPv4Any(chosenOperation))
        {
            // The annotations stay: FixAll finds the origin again by them for the other listeners it reaches.
            editor.ReplaceNode(chosen, chosen.CopyAnnotationsTo(FixSyntax.IPv6Any.WithTriviaFrom(chosen))!);
        }

        // Every listener the origin reaches becomes dual-mode, not only the one this diagnostic names: once the origin is
        // IPv6Any, a listener left without DualMode would serve IPv6 alone.
        GuardListeners(editor, listeners, cancellationToken);
        return editor.GetChangedDocument();
    }

    /// <summary>Inserts <see cref="DualModeGuard"/> after each listener's statement that is not followed by one already.</summary>
    public static void GuardListeners(DocumentEditor editor, List<(TextSpan Statement, string Listener)> listeners, CancellationToken cancellationToken)
    {
        foreach ((TextSpan span, string listener) in listeners)
        {
            StatementSyntax current = editor.OriginalRoot.FindNode(span).FirstAncestorOrSelf<StatementSyntax>()!;
            if (!SetsDualModeNext(current, listener))
            {
                editor.InsertAfter(current, DualModeGuard(current, listener, cancellationToken));
            }
        }
    }

    private static System.Predicate<IOperation> IsOrigin(Location origin) =>
        candidate => candidate.Syntax.SyntaxTree == origin.SourceTree && candidate.Syntax.Span == origin.SourceSpan;

    // useV6 ? IPAddress.IPv6Any : IPAddress.Any: the other arm is the IPv6 choice already, and rewriting this one would
    // leave no IPv4 choice at all.
    private static bool OtherArmIsIPv6(ExpressionSyntax chosen, SemanticModel model, DualStackSymbols symbols, CancellationToken cancellationToken)
    {
        SyntaxNode value = chosen;
        while (value.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized;
        }

        ExpressionSyntax? other = value.Parent switch
        {
            ConditionalExpressionSyntax conditional when conditional.WhenTrue == value => conditional.WhenFalse,
            ConditionalExpressionSyntax conditional when conditional.WhenFalse == value => conditional.WhenTrue,
            _ => null,
        };
        return other is not null && model.GetOperation(other, cancellationToken) is { } otherOperation && symbols.IsIPv6Any(otherOperation);
    }

    /// <summary>
    /// Every sink of the compilation with an address origin <paramref name="reaches"/> accepts: each must be a
    /// <c>new TcpListener(...)</c> stored by a statement of <paramref name="document"/>, which the guard can follow. Null
    /// when one is not (a <c>UdpClient</c> bound on creation, a socket's <c>Bind</c>, an expression-bodied listener,
    /// another document).
    /// </summary>
    public static List<(TextSpan Statement, string Listener)>? GuardableListeners(Compilation compilation, SyntaxTree? document, System.Predicate<IOperation> reaches, DualStackSymbols symbols, CancellationToken cancellationToken)
    {
        var listeners = new List<(TextSpan, string)>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            string text = tree.GetText(cancellationToken).ToString();
            if (text.IndexOf("TcpListener", System.StringComparison.Ordinal) < 0 && text.IndexOf("UdpClient", System.StringComparison.Ordinal) < 0
                && text.IndexOf("Bind", System.StringComparison.Ordinal) < 0)
            {
                continue;
            }

            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not (BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax)
                    || model.GetOperation(node, cancellationToken) is not { } operation
                    || ListenSink.From(operation, symbols) is not { } sink
                    || !sink.AddressOrigins(compilation, symbols).Exists(reaches))
                {
                    continue;
                }

                if (tree != document || node is not BaseObjectCreationExpressionSyntax creation || sink.Kind != "TcpListener"
                    || ListenerStatement(creation) is not { } holding)
                {
                    return null;
                }

                listeners.Add((holding.Statement.Span, holding.Listener));
            }
        }

        return listeners;
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

    /// <summary>
    /// Whether the origin is the value of an assignment or an initializer, which is where a person changes it, directly or
    /// as one arm of a choice (<c>any ? IPAddress.Any : IPAddress.Loopback</c>, <c>ip ?? IPAddress.Any</c>, a switch arm),
    /// or the address of an endpoint that is (<c>_endPoint = new IPEndPoint(IPAddress.Any, port)</c>).
    /// </summary>
    private static bool IsAssigned(ExpressionSyntax origin, SemanticModel model, DualStackSymbols symbols, CancellationToken cancellationToken)
    {
        SyntaxNode value = OutermostChoice(origin, out _);
        if (value.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax endPoint } } argument
            && endPoint.ArgumentList!.Arguments.IndexOf(argument) == 0
            && model.GetTypeInfo(endPoint, cancellationToken).Type is { } type && symbols.IsIPEndPoint(type))
        {
            value = endPoint;
        }

        return value.Parent is EqualsValueClauseSyntax || (value.Parent is AssignmentExpressionSyntax assignment && assignment.Right == value);
    }

    /// <summary>
    /// The one <c>IPAddress.Any</c> of a listener's address argument that is an arm of a choice (<c>ip ?? IPAddress.Any</c>,
    /// <c>local ? IPAddress.Loopback : IPAddress.Any</c>), or null: the other arms are what the code chose otherwise and
    /// stay, so the listener is not rewritten to listen everywhere.
    /// </summary>
    public static ExpressionSyntax? ChoiceArmInAddress(BaseObjectCreationExpressionSyntax creation, SemanticModel model, DualStackSymbols symbols, CancellationToken cancellationToken)
    {
        if (creation.ArgumentList is not { Arguments.Count: 2 } arguments)
        {
            return null;
        }

        ExpressionSyntax? found = null;
        foreach (ExpressionSyntax candidate in arguments.Arguments[0].Expression.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>())
        {
            if (IsChoiceArmOf(candidate, creation) && model.GetOperation(candidate, cancellationToken) is { } operation && symbols.IsIPv4Any(operation))
            {
                if (found is not null)
                {
                    return null;
                }

                found = candidate;
            }
        }

        return found;
    }

    // An arm of a choice (?:, ??, a switch arm) that is the address argument of the sink's own creation.
    private static bool IsChoiceArmOf(ExpressionSyntax origin, SyntaxNode sink) =>
        OutermostChoice(origin, out bool inChoice) is var value && inChoice
        && value.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } } && creation == sink;

    // The expression the origin is the value of: itself, or the outermost ?:, ?? or switch expression it is an arm of.
    private static SyntaxNode OutermostChoice(ExpressionSyntax origin, out bool inChoice)
    {
        SyntaxNode value = origin;
        inChoice = false;
        while (true)
        {
            switch (value.Parent)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    value = parenthesized;
                    continue;
                case ConditionalExpressionSyntax conditional when conditional.WhenTrue == value || conditional.WhenFalse == value:
                    value = conditional;
                    inChoice = true;
                    continue;
                case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Right == value:
                    value = coalesce;
                    inChoice = true;
                    continue;
                case SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax switchExpression } arm when arm.Expression == value:
                    value = switchExpression;
                    inChoice = true;
                    continue;
                default:
                    return value;
            }
        }
    }

    // The guard this fix writes, already right after the listener's statement (an earlier fix for the same listener).
    public static bool SetsDualModeNext(StatementSyntax statement, string listener) =>
        statement.Parent is BlockSyntax block && block.Statements.IndexOf(statement) is var index && index + 1 < block.Statements.Count
        && block.Statements[index + 1] is IfStatementSyntax next && next.Statement.ToString().Contains(listener + ".Server.DualMode = true");

    /// <summary>The statement that stores the new listener, and the expression naming it.</summary>
    public static (StatementSyntax Statement, string Listener)? ListenerStatement(BaseObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        // One declarator: the guard follows the statement, and a statement declaring two listeners would need two.
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } } declarator }
            when statement.Parent is BlockSyntax => (statement, declarator.Identifier.Text),
        AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement } assignment => (statement, assignment.Left.ToString()),
        _ => null,
    };
}
