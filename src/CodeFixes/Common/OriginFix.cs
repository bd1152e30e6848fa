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

        if (originTree == target.Root.SyntaxTree
            && (target.Root.FindNode(origin.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax chosen || !IsAssigned(chosen)
                || target.Model.GetOperation(chosen, context.CancellationToken) is not { } chosenOperation || !symbols.IsIPv4Any(chosenOperation)))
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
        DocumentEditor originEditor = await DocumentEditor.CreateAsync(originDocument, cancellationToken).ConfigureAwait(false);
        SyntaxNode originNode = originEditor.OriginalRoot.FindNode(origin.SourceSpan, getInnermostNodeForTie: true);
        if (originNode is not ExpressionSyntax chosen || !IsAssigned(chosen)
            || originEditor.SemanticModel.GetOperation(chosen, cancellationToken) is not { } chosenOperation || !symbols.IsIPv4Any(chosenOperation))
        {
            return originDocument.Project.Solution;
        }

        originEditor.ReplaceNode(chosen, FixSyntax.IPv6Any.WithTriviaFrom(chosen));
        bool sameDocument = originDocument.Id == sinkDocument.Id;
        DocumentEditor sinkEditor = sameDocument ? originEditor : await DocumentEditor.CreateAsync(sinkDocument, cancellationToken).ConfigureAwait(false);
        StatementSyntax current = sinkEditor.OriginalRoot.FindNode(statement.Span).FirstAncestorOrSelf<StatementSyntax>()!;
        string indent = string.Concat(current.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Select(trivia => trivia.ToString()));
        string newLine = current.SyntaxTree.GetText(cancellationToken).ToString().Contains("\r\n") ? "\r\n" : "\n";
        StatementSyntax dualMode = FixSyntax.Statement(
                $"if ({listener}.Server.AddressFamily == global::System.Net.Sockets.AddressFamily.InterNetworkV6){newLine}{indent}{{{newLine}{indent}    {listener}.Server.DualMode = true;{newLine}{indent}}}")
            .WithoutAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)
            .WithLeadingTrivia(SyntaxFactory.Whitespace(indent))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine), SyntaxFactory.EndOfLine(newLine));
        sinkEditor.InsertAfter(current, dualMode);
        Solution solution = originEditor.GetChangedDocument().Project.Solution;
        return sameDocument ? solution : solution.WithDocumentSyntaxRoot(sinkDocument.Id, sinkEditor.GetChangedRoot());
    }

    /// <summary>Whether the origin is the value of an assignment or an initializer, which is where a person changes it.</summary>
    private static bool IsAssigned(ExpressionSyntax origin)
    {
        SyntaxNode value = origin;
        while (value.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized;
        }

        return value.Parent is EqualsValueClauseSyntax || (value.Parent is AssignmentExpressionSyntax assignment && assignment.Right == value);
    }

    /// <summary>The statement that stores the new listener, and the expression naming it.</summary>
    private static (StatementSyntax Statement, string Listener)? ListenerStatement(BaseObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax statement } } declarator }
            when statement.Parent is BlockSyntax => (statement, declarator.Identifier.Text),
        AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement } assignment => (statement, assignment.Left.ToString()),
        _ => null,
    };
}
