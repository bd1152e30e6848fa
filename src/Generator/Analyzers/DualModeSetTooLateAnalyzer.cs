using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
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

        if (SocketReference.From(socket) is { } reference
            && OperationFlow.AnyBefore(OperationFlow.Root(assignment), assignment.Syntax.SpanStart, operation => operation is IInvocationOperation invocation && reference.IsBoundBy(invocation, symbols)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), Reason(AfterBind),
                $"DualMode is set on '{socket.Syntax}' after it was bound, listened or connected, which fails; set it before"));
        }
    }

    private static bool IsIPv4SocketCreation(IOperation origin, DualStackSymbols symbols) =>
        origin is IObjectCreationOperation creation && symbols.IsSocket(creation.Type) && creation.Arguments.Length == 3
        && symbols.IsInterNetwork(creation.Arguments[0].Value);

    private static System.Collections.Immutable.ImmutableDictionary<string, string?> Reason(string reason) =>
        System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, reason);
}
