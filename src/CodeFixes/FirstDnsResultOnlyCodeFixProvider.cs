using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.CodeFixes;

/// <summary>
/// DSG0008, where the first answer goes straight into <c>Connect</c>/<c>ConnectAsync(address, port)</c> of a socket or
/// <c>TcpClient</c>: passes every answer instead (the <c>IPAddress[]</c> overload tries them in turn).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FirstDnsResultOnlyCodeFixProvider))]
public sealed class FirstDnsResultOnlyCodeFixProvider : DualStackCodeFixProvider
{
    private const string Title = "Connect to every address of the answer";

    /// <summary>Creates the fixer.</summary>
    public FirstDnsResultOnlyCodeFixProvider()
        : base(DiagnosticIds.FirstDnsResultOnly)
    {
    }

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, FixTarget target, DualStackSymbols symbols)
    {
        (Diagnostic diagnostic, SyntaxNode root, SemanticModel model) = (target.Diagnostic, target.Root, target.Model);
        if (root.FindNode(target.Span, getInnermostNodeForTie: true) is not ExpressionSyntax first
            || AllAddresses(first) is not { } all
            || model.GetTypeInfo(all, context.CancellationToken).Type is not IArrayTypeSymbol { ElementType: var element } || !symbols.IsIPAddress(element)
            || !IsConnectAddressArgument(first, model, symbols))
        {
            return;
        }

        Register(context, diagnostic, Title, _ =>
            Task.FromResult(target.Document.WithSyntaxRoot(root.ReplaceNode(first, all.WithTriviaFrom(first)))));
    }

    /// <summary>The array the first address was taken from: <c>a</c> in <c>a[0]</c> and <c>a.First()</c>.</summary>
    private static ExpressionSyntax? AllAddresses(ExpressionSyntax first) => first switch
    {
        ElementAccessExpressionSyntax element => element.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: 0 } => access.Expression,
        _ => null,
    };

    private static bool IsConnectAddressArgument(ExpressionSyntax first, SemanticModel model, DualStackSymbols symbols) =>
        first.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
        && model.GetOperation(invocation) is IInvocationOperation { TargetMethod.Name: "Connect" or "ConnectAsync" } connect
        && (symbols.IsSocket(connect.TargetMethod.ContainingType) || SymbolEqualityComparer.Default.Equals(connect.TargetMethod.ContainingType, symbols.TcpClient))
        && connect.TargetMethod.Parameters.Length >= 2 && symbols.IsIPAddress(connect.TargetMethod.Parameters[0].Type);
}
