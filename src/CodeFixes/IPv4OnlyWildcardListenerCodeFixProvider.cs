using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.CodeFixes;

/// <summary>
/// DSG0002: a <c>TcpListener</c> becomes <c>TcpListener.Create(port)</c> (or the runtime's <c>DualStack.CreateTcpListener</c>),
/// a <c>UdpClient</c> a dual-mode one (or <c>DualStack.CreateUdpClient</c>), and a socket bound to <c>IPAddress.Any</c> an IPv6
/// dual-mode socket bound to IPv6Any — when that socket is created in the same method. Reported at an
/// <c>IPAddress.Any</c> assignment with a <c>TcpListener</c> as the sink, the fix is made at the assignment; a subclass's
/// <c>base(port)</c> is fixed in its constructor.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPv4OnlyWildcardListenerCodeFixProvider))]
public sealed class IPv4OnlyWildcardListenerCodeFixProvider : DualStackCodeFixProvider
{
    private const string SocketTitle = "Bind an IPv6 dual-mode socket to IPv6Any";

    /// <summary>Creates the fixer.</summary>
    public IPv4OnlyWildcardListenerCodeFixProvider()
        : base(DiagnosticIds.IPv4OnlyWildcardListener)
    {
    }

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, FixTarget target, DualStackSymbols symbols)
    {
        (Diagnostic diagnostic, SyntaxNode root, SemanticModel model) = (target.Diagnostic, target.Root, target.Model);
        SyntaxNode node = root.FindNode(target.Span, getInnermostNodeForTie: true);
        if (target.Origin is { } origin && OriginFix.TryRegister(context, target, origin, node, symbols, FixableDiagnosticIds[0]))
        {
            return;
        }

        if (SubclassListenerRewrite.TryRegister(context, target, node, symbols, FixableDiagnosticIds[0]))
        {
            return;
        }

        if (node is BaseObjectCreationExpressionSyntax creation && creation.Span == target.Span
            && model.GetOperation(creation, context.CancellationToken) is IObjectCreationOperation { Type: { } type } creationOperation
            && (SymbolEqualityComparer.Default.Equals(type, symbols.TcpListener) || SymbolEqualityComparer.Default.Equals(type, symbols.UdpClient)))
        {
            // An address that can also be a loopback or a configured address keeps its choice: no rewrite of the listener
            // (the fix at the origin handles the shapes it can).
            if (!ListenerRewrite.WildcardIsAllItCanBe(creationOperation, model.Compilation, symbols, ipv6: false))
            {
                // new TcpListener(configured ?? IPAddress.Any, port): the arm becomes IPv6Any, with DualMode set when the
                // socket is IPv6, as an origin assigned elsewhere is.
                if (OriginFix.ChoiceArmInAddress(creation, model, symbols, context.CancellationToken) is { } arm)
                {
                    OriginFix.TryRegister(context, target, arm.GetLocation(), creation, symbols, FixableDiagnosticIds[0]);
                }

                return;
            }

            ListenerRewrite.RegisterFixes(context, target, creation, symbols, FixableDiagnosticIds[0]);
        }
        else if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } bindSyntax
            && model.GetOperation(bindSyntax, context.CancellationToken) is IInvocationOperation { Instance: { } socket }
            && SocketOwner(socket) is { } owner
            && DualModeSocketRewrite.FindCreation(owner, symbols) is { } socketCreation
            && DualModeSocketRewrite.LeavesIPv6(socketCreation, model, symbols, context.CancellationToken))
        {
            Register(context, diagnostic, SocketTitle, async cancellationToken =>
            {
                DocumentEditor editor = await DocumentEditor.CreateAsync(target.Document, cancellationToken).ConfigureAwait(false);
                DualModeSocketRewrite.Apply(editor, editor.SemanticModel, symbols, socketCreation, setDualMode: true, cancellationToken);
                return editor.GetChangedDocument();
            });
        }
    }

    /// <summary>The socket itself, or the <c>UdpClient</c> whose <c>Client</c> it is.</summary>
    private static IOperation? SocketOwner(IOperation socket) =>
        OperationFlow.Unwrap(socket) is IPropertyReferenceOperation { Property.Name: "Client", Instance: { } client } ? client : socket;
}
