using System.Linq;
using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
using DualStackGen.Generator.Analyzers;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.CodeFixes;

/// <summary>
/// DSG0005: moves the <c>DualMode</c> assignment to just before the first statement that binds, listens or connects the
/// socket; for a socket created with InterNetwork, creates it with InterNetworkV6 instead (binding it to IPv6Any).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DualModeSetTooLateCodeFixProvider))]
public sealed class DualModeSetTooLateCodeFixProvider : DualStackCodeFixProvider
{
    private const string MoveTitle = "Set DualMode before the bind";
    private const string FamilyTitle = "Create the socket with InterNetworkV6";

    /// <summary>Creates the fixer.</summary>
    public DualModeSetTooLateCodeFixProvider()
        : base(DiagnosticIds.DualModeSetTooLate)
    {
    }

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, FixTarget target, DualStackSymbols symbols)
    {
        (Diagnostic diagnostic, SyntaxNode root, SemanticModel model) = (target.Diagnostic, target.Root, target.Model);
        if (root.FindNode(target.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not { } assignmentSyntax
            || model.GetOperation(assignmentSyntax, context.CancellationToken) is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } socket } })
        {
            return;
        }

        if (diagnostic.Properties.TryGetValue(DualModeSetTooLateAnalyzer.ReasonProperty, out string? reason) && reason == DualModeSetTooLateAnalyzer.OnIPv4Socket)
        {
            if (DualModeSocketRewrite.FindCreation(socket, symbols) is { } creation)
            {
                Register(context, diagnostic, FamilyTitle, async cancellationToken =>
                {
                    DocumentEditor editor = await DocumentEditor.CreateAsync(target.Document, cancellationToken).ConfigureAwait(false);
                    DualModeSocketRewrite.Apply(editor, editor.SemanticModel, symbols, creation, setDualMode: false, cancellationToken);
                    return editor.GetChangedDocument();
                });
            }

            return;
        }

        if (assignmentSyntax.Parent is ExpressionStatementSyntax { Parent: BlockSyntax block } statement
            && SocketReference.From(socket) is { } reference
            && block.Statements.TakeWhile(s => s != statement).FirstOrDefault(s => Binds(s, reference, model, symbols)) is { } firstBind)
        {
            Register(context, diagnostic, MoveTitle, _ =>
            {
                SyntaxNode moved = root.TrackNodes(statement, firstBind);
                moved = moved.RemoveNode(moved.GetCurrentNode(statement)!, Microsoft.CodeAnalysis.SyntaxRemoveOptions.KeepNoTrivia)!;
                StatementSyntax bindStatement = moved.GetCurrentNode(firstBind)!;
                moved = moved.InsertNodesBefore(bindStatement, [statement.WithLeadingTrivia(bindStatement.GetLeadingTrivia().Where(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.WhitespaceTrivia)))]);
                return Task.FromResult(target.Document.WithSyntaxRoot(moved));
            });
        }
    }

    private static bool Binds(StatementSyntax statement, SocketReference socket, SemanticModel model, DualStackSymbols symbols) =>
        statement.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
            .Any(invocation => model.GetOperation(invocation) is IInvocationOperation operation && socket.IsBoundBy(operation, symbols));
}
