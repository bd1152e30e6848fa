using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace DualStackGen.CodeFixes.Common;

/// <summary>Expressions and statements the fixes write: fully qualified, then simplified and formatted by the code action.</summary>
internal static class FixSyntax
{
    public static ExpressionSyntax Expression(string text) => Annotate(SyntaxFactory.ParseExpression(text));

    public static StatementSyntax Statement(string text) => Annotate(SyntaxFactory.ParseStatement(text));

    // Every qualified name gets the annotations, not only the root: the simplifier and import adder act on annotated names.
    private static T Annotate<T>(T node)
        where T : SyntaxNode =>
        node.ReplaceNodes(
                node.DescendantNodes().Where(child => child is NameSyntax or MemberAccessExpressionSyntax),
                (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

    public static ExpressionSyntax IPv6Any => Expression("global::System.Net.IPAddress.IPv6Any");

    public static ExpressionSyntax InterNetworkV6 => Expression("global::System.Net.Sockets.AddressFamily.InterNetworkV6");

    /// <summary>Adds the using directives the annotated names need, so that the code action's clean-up can shorten them.</summary>
    public static Task<Document> AddImportsAsync(Document document, CancellationToken cancellationToken) =>
        ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);

    /// <summary>
    /// <paramref name="expression"/> as text that stays one operand in any position (before <c>.Port</c>, in <c>?:</c>):
    /// a primary expression as written, anything else in parentheses.
    /// </summary>
    public static string Operand(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax
            or ParenthesizedExpressionSyntax or ThisExpressionSyntax
            ? expression.ToString()
            : "(" + expression + ")";

    /// <summary>Whether the compilation references DualStackGen.Runtime, whose helpers a fix may call.</summary>
    public static bool HasRuntime(Compilation compilation) => compilation.GetTypeByMetadataName("DualStackGen.DualStack") is not null;

    /// <summary>The innermost method, accessor, constructor, local function or lambda body holding <paramref name="node"/>.</summary>
    public static SyntaxNode? EnclosingBody(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
                or GlobalStatementSyntax or CompilationUnitSyntax)
            {
                return current is GlobalStatementSyntax ? current.Parent : current;
            }
        }

        return null;
    }
}
