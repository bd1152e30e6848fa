using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0005: <c>DualMode</c> set after the same socket was bound, listened or connected earlier in the method (the OS
/// rejects IPV6_V6ONLY then), or set on a socket created with <c>AddressFamily.InterNetwork</c> (NotSupportedException).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DualModeSetTooLateAnalyzer : DualStackAnalyzer
{
    /// <summary>The property that says why: <see cref="AfterBind"/> or <see cref="OnIPv4Socket"/>.</summary>
    public const string ReasonProperty = "Reason";

    /// <summary>The socket was bound, listened or connected earlier in the method.</summary>
    public const string AfterBind = "AfterBind";

    /// <summary>The socket was created with <c>AddressFamily.InterNetwork</c>.</summary>
    public const string OnIPv4Socket = "OnIPv4Socket";

    /// <summary>Creates the analyzer.</summary>
    public DualModeSetTooLateAnalyzer()
        : base(DiagnosticDescriptors.DualModeSetTooLate)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols) =>
        context.RegisterOperationAction(operationContext => Analyze(operationContext, symbols), OperationKind.SimpleAssignment);

    private void Analyze(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "DualMode", Instance: { } socket } property
            || !symbols.IsSocket(property.Property.ContainingType))
        {
            return;
        }

        if (symbols.IsSocket(OperationFlow.Unwrap(socket).Type) && OperationFlow.AllOrigins(socket, origin => IsIPv4SocketCreation(origin, symbols)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), Reason(OnIPv4Socket),
                $"'{socket.Syntax}' was created with AddressFamily.InterNetwork: setting DualMode throws NotSupportedException; create it with InterNetworkV6"));
            return;
        }

        IOperation root = OperationFlow.Root(assignment);
        if (SocketReference.From(socket) is { } reference
            && OperationFlow.AnyBefore(root, assignment.Syntax.SpanStart, operation =>
                operation is IInvocationOperation invocation && reference.IsBoundBy(invocation, symbols)
                && RunsBefore(invocation.Syntax, assignment.Syntax)
                && !ReplacedBetween(root, reference, invocation.Syntax.Span.End, assignment.Syntax.SpanStart)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), Reason(AfterBind),
                $"DualMode is set on '{socket.Syntax}' after it was bound, listened or connected, which fails; set it before"));
        }
    }

    // The bind's statement and a statement holding the assignment are in one block, the bind's first: then every path
    // to the assignment has bound the socket. A bind in another branch, a lambda or a loop body is not, and stays silent.
    private static bool RunsBefore(SyntaxNode bind, SyntaxNode assignment)
    {
        if (bind.FirstAncestorOrSelf<StatementSyntax>() is not { } bindStatement)
        {
            return false;
        }

        SyntaxNode bindSibling = bindStatement.Parent is GlobalStatementSyntax global ? global : bindStatement;
        SyntaxNode? container = bindSibling.Parent;
        if (container is not (BlockSyntax or CompilationUnitSyntax))
        {
            return false;
        }

        SyntaxNode? assignmentSibling = assignment.AncestorsAndSelf().FirstOrDefault(node => node.Parent == container);
        return assignmentSibling is not null && assignmentSibling.SpanStart > bindSibling.SpanStart;
    }

    // socket = new Socket(...) between the bind and the assignment: the DualMode is set on a new, unbound socket.
    private static bool ReplacedBetween(IOperation root, SocketReference reference, int start, int end) =>
        root.Descendants().Any(operation =>
            operation is ISimpleAssignmentOperation { Value: var value } replacement
            && replacement.Syntax.SpanStart >= start && replacement.Syntax.SpanStart < end
            && SymbolEqualityComparer.Default.Equals(OperationFlow.ReferencedSymbol(replacement.Target), reference.Holder)
            && OperationFlow.Unwrap(value) is IObjectCreationOperation);

    private static bool IsIPv4SocketCreation(IOperation origin, DualStackSymbols symbols) =>
        origin is IObjectCreationOperation creation && symbols.IsSocket(creation.Type) && creation.Arguments.Length == 3
        && symbols.IsInterNetwork(creation.Arguments[0].Value);

    private static System.Collections.Immutable.ImmutableDictionary<string, string?> Reason(string reason) =>
        System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, reason);
}
