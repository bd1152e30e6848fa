using System.Linq;
using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackGen.CodeFixes;

/// <summary>
/// DSG0007, for exactly <c>$"{address}:{port}"</c> with an <c>IPAddress</c>: formats it as
/// <c>new IPEndPoint(address, port).ToString()</c>, which brackets IPv6; an address that may be null keeps printing
/// <c>":port"</c> for null. Other shapes have no safe rewrite.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TextualHostPortCodeFixProvider))]
public sealed class TextualHostPortCodeFixProvider : DualStackCodeFixProvider
{
    private const string Title = "Format with IPEndPoint.ToString()";

    /// <summary>Creates the fixer.</summary>
    public TextualHostPortCodeFixProvider()
        : base(DiagnosticIds.TextualHostPort)
    {
    }

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, FixTarget target, DualStackSymbols symbols)
    {
        (Diagnostic diagnostic, SyntaxNode root, SemanticModel model) = (target.Diagnostic, target.Root, target.Model);
        if (root.FindNode(target.Span, getInnermostNodeForTie: true) is not InterpolatedStringExpressionSyntax { Contents.Count: 3 } interpolated
            || interpolated.Contents[0] is not InterpolationSyntax { AlignmentClause: null, FormatClause: null } address
            || interpolated.Contents[1] is not InterpolatedStringTextSyntax { TextToken.Text: ":" }
            || interpolated.Contents[2] is not InterpolationSyntax { AlignmentClause: null, FormatClause: null } port
            || !symbols.IsIPAddress(model.GetTypeInfo(address.Expression, context.CancellationToken).Type)
            || model.GetTypeInfo(port.Expression, context.CancellationToken).Type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_UInt16))
        {
            return;
        }

        // A null address printed ":port" before the fix; IPEndPoint's constructor would throw on it, so a nullable one keeps that text.
        bool maybeNull = model.GetTypeInfo(address.Expression, context.CancellationToken).Nullability.FlowState != NullableFlowState.NotNull;
        string name = FreeName(model, interpolated.SpanStart);
        ExpressionSyntax replacement = FixSyntax.Expression(maybeNull
            ? $"{address.Expression} is {{ }} {name} ? new global::System.Net.IPEndPoint({name}, {port.Expression}).ToString() : $\":{{{port.Expression}}}\""
            : $"new global::System.Net.IPEndPoint({address.Expression}, {port.Expression}).ToString()");
        if (maybeNull && interpolated.Parent is not (ArgumentSyntax or EqualsValueClauseSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax))
        {
            replacement = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParenthesizedExpression(replacement);
        }

        Register(context, diagnostic, Title, _ =>
            Task.FromResult(target.Document.WithSyntaxRoot(root.ReplaceNode(interpolated, replacement.WithTriviaFrom(interpolated)))));
    }

    private static string FreeName(SemanticModel model, int position)
    {
        var taken = new System.Collections.Generic.HashSet<string>(model.LookupSymbols(position).Select(symbol => symbol.Name));
        string name = "address";
        for (int i = 1; taken.Contains(name); i++)
        {
            name = "address" + i;
        }

        return name;
    }
}
