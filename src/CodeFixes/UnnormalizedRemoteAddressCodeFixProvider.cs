using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackGen.CodeFixes;

/// <summary>
/// DSG0004: normalizes the address where it is used — <c>(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a)</c>, or the runtime's
/// <c>EndPointNormalization.Normalize(a)</c>; for an endpoint's family check, the normalized <c>endPoint.Address</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnnormalizedRemoteAddressCodeFixProvider))]
public sealed class UnnormalizedRemoteAddressCodeFixProvider : DualStackCodeFixProvider
{
    private const string Title = "Unwrap the IPv4-mapped address first";
    private const string RuntimeTitle = "Normalize with EndPointNormalization.Normalize";

    /// <summary>Creates the fixer.</summary>
    public UnnormalizedRemoteAddressCodeFixProvider()
        : base(DiagnosticIds.UnnormalizedRemoteAddress)
    {
    }

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel model, DualStackSymbols symbols)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
        {
            return;
        }

        ITypeSymbol? type = model.GetTypeInfo(expression, context.CancellationToken).Type;
        string? address = symbols.IsIPAddress(type) ? Operand(expression) : symbols.IsIPEndPoint(type) ? Operand(expression) + ".Address" : null;
        if (address is null)
        {
            return;
        }

        if (FixSyntax.HasRuntime(model.Compilation))
        {
            Register(context, diagnostic, RuntimeTitle, async cancellationToken =>
            {
                Document changed = Replace(context.Document, root, expression, $"global::DualStackGen.EndPointNormalization.Normalize({address})");
                return await FixSyntax.AddImportsAsync(changed, cancellationToken).ConfigureAwait(false);
            }, "Runtime");
        }

        Register(context, diagnostic, Title, _ =>
            Task.FromResult(Replace(context.Document, root, expression, $"({address}.IsIPv4MappedToIPv6 ? {address}.MapToIPv4() : {address})")));
    }

    private static Document Replace(Document document, SyntaxNode root, ExpressionSyntax expression, string replacement)
    {
        ExpressionSyntax normalized = FixSyntax.Expression(replacement);
        return document.WithSyntaxRoot(root.ReplaceNode(expression, normalized.WithTriviaFrom(expression)));
    }

    private static string Operand(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or ParenthesizedExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            ? expression.ToString()
            : "(" + expression + ")";
}
