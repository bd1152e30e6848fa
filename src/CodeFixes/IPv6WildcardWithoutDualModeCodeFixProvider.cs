using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.CodeFixes;

/// <summary>
/// DSG0009: sets <c>DualMode = true</c> on the socket just before its bind; a <c>TcpListener</c> or <c>UdpClient</c> on
/// IPv6Any becomes <c>TcpListener.Create</c> / a dual-mode client (or the runtime's helpers); a subclass's <c>base(...)</c>
/// is fixed in its constructor.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPv6WildcardWithoutDualModeCodeFixProvider))]
public sealed class IPv6WildcardWithoutDualModeCodeFixProvider : DualStackCodeFixProvider
{
    private const string Title = "Set DualMode = true before binding";
    private const string ListenerTitle = "Set DualMode = true on the listener's IPv6 socket";

    /// <summary>Creates the fixer.</summary>
    public IPv6WildcardWithoutDualModeCodeFixProvider()
        : base(DiagnosticIds.IPv6WildcardWithoutDualMode)
    {
    }

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, FixTarget target, DualStackSymbols symbols)
    {
        (Diagnostic diagnostic, SyntaxNode root, SemanticModel model) = (target.Diagnostic, target.Root, target.Model);
        SyntaxNode node = root.FindNode(target.Span, getInnermostNodeForTie: true);
        if (SubclassListenerRewrite.TryRegister(context, target, node, symbols, FixableDiagnosticIds[0]))
        {
            return;
        }

        if (node is BaseObjectCreationExpressionSyntax creation)
        {
            if (model.GetOperation(creation, context.CancellationToken) is not IObjectCreationOperation operation)
            {
                return;
            }

            if (ListenerRewrite.WildcardIsAllItCanBe(operation, model.Compilation, symbols, ipv6: true))
            {
                ListenerRewrite.RegisterFixes(context, target, creation, symbols, FixableDiagnosticIds[0]);
            }
            else if (SymbolEqualityComparer.Default.Equals(operation.Type, symbols.TcpListener) && OriginFix.ListenerStatement(creation) is { } holding
                && !OriginFix.SetsDualModeNext(holding.Statement, holding.Listener))
            {
                // The address can also be a loopback or a configured one: the listener keeps it, and becomes dual-mode
                // whenever its socket is IPv6.
                Register(context, diagnostic, ListenerTitle, cancellationToken =>
                {
                    SyntaxNode updated = root.InsertNodesAfter(holding.Statement, [OriginFix.DualModeGuard(holding.Statement, holding.Listener, cancellationToken)]);
                    return Task.FromResult(target.Document.WithSyntaxRoot(updated));
                });
            }
        }
        else if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax bind } invocation
            && invocation.Parent is ExpressionStatementSyntax { Parent: BlockSyntax or GlobalStatementSyntax } statement)
        {
            Register(context, diagnostic, Title, _ =>
            {
                StatementSyntax dualMode = FixSyntax.Statement($"{bind.Expression}.DualMode = true;")
                    .WithLeadingTrivia(statement.GetLeadingTrivia())
                    .WithTrailingTrivia(SyntaxFactory.ElasticLineFeed);
                SyntaxNode updated = statement.Parent is GlobalStatementSyntax global
                    ? root.InsertNodesBefore(global, [SyntaxFactory.GlobalStatement(dualMode)])
                    : root.InsertNodesBefore(statement, [dualMode]);
                return Task.FromResult(target.Document.WithSyntaxRoot(updated));
            });
        }
    }
}
