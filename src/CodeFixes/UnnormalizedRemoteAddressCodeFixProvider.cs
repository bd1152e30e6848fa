using System.Collections.Generic;
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

namespace DualStackGen.CodeFixes;

/// <summary>
/// DSG0004: normalizes the address where it is used, evaluating it once: <c>a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a</c>
/// for a local, parameter or field, a switch expression over any other expression, or the runtime's
/// <c>EndPointNormalization.Normalize</c>; for an endpoint's family check, the normalized <c>endPoint.Address</c>; for an
/// address's text (<c>a.ToString()</c>), the address before its <c>ToString</c>. An address
/// that may be null stays null-safe (<c>?.</c>, a property pattern), so no fix adds an exception or a nullable warning.
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
    private protected override void RegisterFixes(CodeFixContext context, FixTarget target, DualStackSymbols symbols)
    {
        (Diagnostic diagnostic, SyntaxNode root, SemanticModel model) = (target.Diagnostic, target.Root, target.Model);
        if (root.FindNode(target.Span, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
        {
            return;
        }

        // remote.Address.ToString() compared as text: the address before its ToString is what is unwrapped.
        if (expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToString" } toString }
            && symbols.IsIPAddress(model.GetTypeInfo(toString.Expression, context.CancellationToken).Type))
        {
            expression = toString.Expression;
        }

        TypeInfo type = model.GetTypeInfo(expression, context.CancellationToken);
        bool maybeNull = type.Nullability.FlowState != NullableFlowState.NotNull;
        string? address = symbols.IsIPAddress(type.Type) ? Operand(expression)
            : symbols.IsIPEndPoint(type.Type) ? Operand(expression) + (maybeNull ? "?.Address" : ".Address")
            : null;
        if (address is null)
        {
            return;
        }

        bool simple = expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax } && symbols.IsIPAddress(type.Type);
        if (FixSyntax.HasRuntime(model.Compilation))
        {
            string normalized = maybeNull ? $"{address}?.Normalize()" : $"{address}.Normalize()";
            Register(context, diagnostic, RuntimeTitle, cancellationToken =>
                Task.FromResult(target.Document.WithSyntaxRoot(WithRuntimeImport(Replace(root, expression, normalized, operand: false), model, expression.SpanStart))), "Runtime");
        }

        string unwrapped = simple
            ? maybeNull ? $"{address} is {{ IsIPv4MappedToIPv6: true }} ? {address}.MapToIPv4() : {address}" : $"{address}.IsIPv4MappedToIPv6 ? {address}.MapToIPv4() : {address}"
            : SwitchExpression(address, model, expression.SpanStart);
        Register(context, diagnostic, Title, _ => Task.FromResult(target.Document.WithSyntaxRoot(Replace(root, expression, unwrapped, operand: true))));
    }

    /// <summary>One evaluation of <paramref name="address"/>, with pattern variables named apart from everything in scope.</summary>
    private static string SwitchExpression(string address, SemanticModel model, int position)
    {
        var taken = new HashSet<string>(model.LookupSymbols(position).Select(symbol => symbol.Name));
        string mapped = FreeName("mapped", taken);
        string other = FreeName("address", taken);
        return $"{address} switch {{ {{ IsIPv4MappedToIPv6: true }} {mapped} => {mapped}.MapToIPv4(), var {other} => {other} }}";
    }

    private static string FreeName(string name, HashSet<string> taken)
    {
        string candidate = name;
        for (int i = 1; !taken.Add(candidate); i++)
        {
            candidate = name + i;
        }

        return candidate;
    }

    private static SyntaxNode Replace(SyntaxNode root, ExpressionSyntax expression, string replacement, bool operand)
    {
        // A conditional or switch is parenthesized as an operand or a member access's target (where a reader would want it
        // even when C# does not), bare where it stands alone: an argument, an initializer, an index, a return.
        ExpressionSyntax normalized = FixSyntax.Expression(replacement);
        if (operand && expression.Parent is not (ArgumentSyntax or EqualsValueClauseSyntax or ParenthesizedExpressionSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax))
        {
            normalized = SyntaxFactory.ParenthesizedExpression(normalized);
        }

        return root.ReplaceNode(expression, normalized.WithTriviaFrom(expression));
    }

    /// <summary>Adds <c>using DualStackGen;</c>, which the extension call needs, unless the file or a global using has it.</summary>
    private static SyntaxNode WithRuntimeImport(SyntaxNode root, SemanticModel model, int position)
    {
        if (root is not CompilationUnitSyntax unit || !model.LookupNamespacesAndTypes(position, name: "EndPointNormalization").IsEmpty)
        {
            return root;
        }

        SyntaxTrivia newLine = root.ToFullString().Contains("\r\n") ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
        UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName("DualStackGen")).NormalizeWhitespace();
        return unit.Usings.Count == 0
            ? unit.WithUsings(unit.Usings.Add(directive.WithTrailingTrivia(newLine, newLine)))
            : unit.WithUsings(unit.Usings.Add(directive.WithTrailingTrivia(newLine)));
    }

    private static string Operand(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or ParenthesizedExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            ? expression.ToString()
            : "(" + expression + ")";
}
