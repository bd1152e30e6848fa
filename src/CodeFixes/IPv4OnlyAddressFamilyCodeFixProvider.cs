using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
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
/// DSG0001: creates the socket as InterNetworkV6 with <c>DualMode = true</c>, and binds it to IPv6Any in the same method;
/// a socket that only connects, and every <c>TcpClient</c>, gets the family-less constructor instead, which still works
/// where IPv6 is disabled.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IPv4OnlyAddressFamilyCodeFixProvider))]
public sealed class IPv4OnlyAddressFamilyCodeFixProvider : DualStackCodeFixProvider
{
    private const string Title = "Use an IPv6 dual-mode socket";
    private const string RuntimeTitle = "Use DualStack.CreateSocket";

    /// <summary>Creates the fixer.</summary>
    public IPv4OnlyAddressFamilyCodeFixProvider()
        : base(DiagnosticIds.IPv4OnlyAddressFamily)
    {
    }

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, FixTarget target, DualStackSymbols symbols)
    {
        (Diagnostic diagnostic, SyntaxNode root, SemanticModel model) = (target.Diagnostic, target.Root, target.Model);
        if (root.FindNode(target.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation)
        {
            // TcpClient() picks a dual-mode socket where the OS has IPv6 and an IPv4 one where it has not.
            if (creation.ArgumentList is { Arguments.Count: 1 } tcpArguments && model.GetOperation(creation, context.CancellationToken) is IObjectCreationOperation tcpClient
                && SymbolEqualityComparer.Default.Equals(tcpClient.Type, symbols.TcpClient))
            {
                Register(context, diagnostic, TcpClientTitle, _ => Task.FromResult(target.Document.WithSyntaxRoot(
                    root.ReplaceNode(creation, creation.WithArgumentList(tcpArguments.WithArguments(default))))));
                return;
            }

            if (FixSyntax.HasRuntime(model.Compilation) && creation.Initializer is null && creation.ArgumentList?.Arguments.Count == 3)
            {
                Register(context, diagnostic, RuntimeTitle, cancellationToken => FixWithRuntimeAsync(target.Document, creation, cancellationToken), "Runtime");
            }

            // A socket that connects must still be creatable where IPv6 is disabled: the family-less constructor picks a
            // dual-mode IPv6 socket where the OS has IPv6 and IPv4 where it has not. An IPv6 socket would throw there.
            if (model.GetOperation(creation, context.CancellationToken) is IObjectCreationOperation operation && Connects(operation, symbols))
            {
                if (symbols.IsSocket(operation.Type) && creation.ArgumentList?.Arguments.Count == 3)
                {
                    Register(context, diagnostic, ClientTitle, _ => Task.FromResult(target.Document.WithSyntaxRoot(root.ReplaceNode(creation, WithoutFamily(creation)))));
                }

                return;
            }

            Register(context, diagnostic, Title, cancellationToken => FixAsync(target.Document, creation, cancellationToken));
        }
    }

    private const string TcpClientTitle = "Create the TcpClient without a family (dual-mode where the OS has IPv6)";

    private const string ClientTitle = "Create the socket without a family (dual-mode where the OS has IPv6)";

    /// <summary>Whether the created socket is connected (never bound or listened on) in the method that creates it.</summary>
    private static bool Connects(IObjectCreationOperation creation, DualStackSymbols symbols)
    {
        if (DualModeSocketRewrite.HolderOf(creation) is not { } holder)
        {
            return false;
        }

        bool connects = false;
        foreach (IInvocationOperation invocation in OperationFlow.Root(creation).Descendants().OfType<IInvocationOperation>())
        {
            IOperation? instance = invocation.Instance is IPropertyReferenceOperation { Property.Name: "Client", Instance: { } owner } ? owner : invocation.Instance;
            if (instance is null || !SymbolEqualityComparer.Default.Equals(OperationFlow.ReferencedSymbol(instance), holder))
            {
                continue;
            }

            switch (invocation.TargetMethod.Name)
            {
                case "Connect" or "ConnectAsync" or "BeginConnect":
                    connects = true;
                    break;
                case "Bind" or "Listen":
                    return false;
            }
        }

        return connects;
    }

    private static BaseObjectCreationExpressionSyntax WithoutFamily(BaseObjectCreationExpressionSyntax creation)
    {
        ArgumentListSyntax arguments = creation.ArgumentList!;
        ArgumentListSyntax familyLess = arguments.WithArguments(SyntaxFactory.SeparatedList(
            new[] { arguments.Arguments[1].WithoutLeadingTrivia(), arguments.Arguments[2] },
            new[] { arguments.Arguments.GetSeparator(1) }));
        return creation.WithArgumentList(familyLess);
    }

    private static async Task<Document> FixAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (DualStackSymbols.TryCreate(editor.SemanticModel.Compilation) is not { } symbols)
        {
            return document;
        }

        DualModeSocketRewrite.Apply(editor, editor.SemanticModel, symbols, creation, setDualMode: true, cancellationToken);
        return editor.GetChangedDocument();
    }

    private static async Task<Document> FixWithRuntimeAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (DualStackSymbols.TryCreate(editor.SemanticModel.Compilation) is not { } symbols
            || !DualModeSocketRewrite.TryApplyRuntime(editor, editor.SemanticModel, symbols, creation, cancellationToken))
        {
            return document;
        }

        return await FixSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }
}
