using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
using DualStackGen.Generator.Analyzers;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.CodeFixes;

/// <summary>
/// DSG0005: moves the <c>DualMode</c> assignment to just before the first statement that binds, listens or connects the
/// socket; for a socket created with InterNetwork (or the IPv4 socket of <c>new UdpClient()</c>), creates it with
/// InterNetworkV6 instead (binding it to IPv6Any).
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
            if ((DualModeSocketRewrite.FindCreation(socket, symbols) ?? ClientCreation(socket, symbols)) is { } creation)
            {
                Register(context, diagnostic, FamilyTitle, async cancellationToken =>
                {
                    DocumentEditor editor = await DocumentEditor.CreateAsync(target.Document, cancellationToken).ConfigureAwait(false);
                    if (creation.ArgumentList is null or { Arguments.Count: 0 })
                    {
                        // new UdpClient() is IPv4: give it the family.
                        editor.ReplaceNode(creation, (current, _) => ((BaseObjectCreationExpressionSyntax)current).WithArgumentList(
                            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(FixSyntax.InterNetworkV6)))));
                    }

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

    // udp.Client of new UdpClient() or new UdpClient(AddressFamily.InterNetwork) (or a TcpClient given InterNetwork)
    // created in this method. A UdpClient(port, ...) binds in its constructor: no family change can help it.
    private static BaseObjectCreationExpressionSyntax? ClientCreation(IOperation socket, DualStackSymbols symbols)
    {
        if (OperationFlow.Unwrap(socket) is not IPropertyReferenceOperation { Property.Name: "Client", Instance: { } owner })
        {
            return null;
        }

        var creations = new List<IObjectCreationOperation>();
        bool all = OperationFlow.AllOrigins(owner, origin =>
        {
            if (origin is IObjectCreationOperation creation && (SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient) || SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpClient))
                && !creation.Arguments.Any(argument => argument.Value.Type?.SpecialType == SpecialType.System_Int32))
            {
                creations.Add(creation);
                return true;
            }

            return false;
        });
        return all && creations.Count == 1 ? creations[0].Syntax as BaseObjectCreationExpressionSyntax : null;
    }

    private static bool Binds(StatementSyntax statement, SocketReference socket, SemanticModel model, DualStackSymbols symbols) =>
        statement.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
            .Any(invocation => model.GetOperation(invocation) is IInvocationOperation operation && socket.IsBoundBy(operation, symbols));
}
