using System.Threading;
using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DualStackGen.CodeFixes;

/// <summary>DSG0001: creates the socket as InterNetworkV6 with <c>DualMode = true</c>, and binds it to IPv6Any in the same method.</summary>
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
            if (FixSyntax.HasRuntime(model.Compilation) && creation.Initializer is null && creation.ArgumentList?.Arguments.Count == 3)
            {
                Register(context, diagnostic, RuntimeTitle, cancellationToken => FixWithRuntimeAsync(target.Document, creation, cancellationToken), "Runtime");
            }

            Register(context, diagnostic, Title, cancellationToken => FixAsync(target.Document, creation, cancellationToken));
        }
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
