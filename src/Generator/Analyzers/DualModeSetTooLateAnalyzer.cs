using System.Collections.Generic;
using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0005: <c>DualMode</c> set after the same socket — also one held by a wrapper (<c>connection.Socket</c>) — may have
/// been bound, listened or connected earlier in the method, even conditionally (the OS rejects IPV6_V6ONLY then), or set
/// on a socket created with <c>AddressFamily.InterNetwork</c> (NotSupportedException).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DualModeSetTooLateAnalyzer : DualStackAnalyzer
{
    /// <summary>The property that says why: <see cref="AfterBind"/> or <see cref="OnIPv4Socket"/>.</summary>
    public const string ReasonProperty = "Reason";

    /// <summary>The socket may have been bound, listened or connected earlier in the method.</summary>
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

        // new Socket(AddressFamily.InterNetwork, ...) { DualMode = true }: the initializer's receiver is the creation.
        IOperation created = CreationOfReceiver(socket) ?? socket;
        // new UdpClient(AddressFamily.InterNetwork) { Client = { DualMode = true } }: a Socket receiver whose creation is the client's.
        bool clientInitializer = created is IObjectCreationOperation initialized && created != socket && symbols.IsIPv4ClientCreation(initialized);
        if (symbols.IsSocket(OperationFlow.Unwrap(socket).Type)
            && (OperationFlow.AllOrigins(created, origin => IsIPv4SocketCreation(origin, symbols)) || IsIPv4ClientSocket(socket, symbols) || clientInitializer))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), Reason(OnIPv4Socket),
                socket.Syntax.ToString(), "which was created with AddressFamily.InterNetwork", "NotSupportedException", "create the socket with AddressFamily.InterNetworkV6"));
            return;
        }

        if (BindingClientCreation(socket, context.Compilation, symbols) is { } boundByConstructor)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), Reason(AfterBind),
                socket.Syntax.ToString(), $"after '{boundByConstructor.Syntax}' bound it (line {boundByConstructor.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1})", "an error (EINVAL)", "create the client unbound and bind it after setting DualMode"));
            return;
        }

        if (SocketReference.From(socket) is { } reference && BindBefore(assignment, reference, symbols) is { } bind)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), Reason(AfterBind),
                socket.Syntax.ToString(), $"after '{bind.Syntax}' (line {bind.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1})", "an error (EINVAL)", "set it before the bind"));
        }
    }

    // The nearest bind of the same socket that can run before the assignment: earlier in the body, not in a lambda or
    // local function of its own, not on an exclusive branch (the other arm of an if, another switch section, a catch),
    // and not followed by a new socket in the same variable. A conditional bind counts: on that path, DualMode throws.
    private static IInvocationOperation? BindBefore(ISimpleAssignmentOperation assignment, SocketReference reference, DualStackSymbols symbols)
    {
        BindIndex index = BindIndex.Of(assignment, symbols);
        if (!index.Binds.TryGetValue(reference.Key, out List<(SocketReference Socket, IInvocationOperation Bind)>? binds))
        {
            return null;
        }

        int position = assignment.Syntax.SpanStart;
        for (int i = binds.Count - 1; i >= 0; i--)
        {
            (SocketReference socket, IInvocationOperation bind) = binds[i];
            if (bind.Syntax.SpanStart >= position || !socket.Equals(reference))
            {
                continue;
            }

            if (index.ReplacedBetween(reference.Holder, bind.Syntax.Span.End, position))
            {
                return null;
            }

            if (CanRunBefore(bind.Syntax, assignment.Syntax))
            {
                return bind;
            }
        }

        return null;
    }

    private static bool CanRunBefore(SyntaxNode bind, SyntaxNode assignment)
    {
        SyntaxNode? common = bind.Ancestors().FirstOrDefault(ancestor => ancestor.Span.Contains(assignment.Span));
        if (common is null)
        {
            return false;
        }

        for (SyntaxNode? node = bind.Parent; node is not null && node != common; node = node.Parent)
        {
            if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return false;
            }
        }

        return common is not (IfStatementSyntax or SwitchStatementSyntax or SwitchExpressionSyntax or ConditionalExpressionSyntax or TryStatementSyntax);
    }

    /// <summary>The binds, listens and connects of one body by socket, and its socket replacements, built once per body.</summary>
    private sealed class BindIndex
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BodyFacts, BindIndex> ByBody = new();

        private readonly List<(ISymbol Holder, int Position)> _replacements = [];

        private BindIndex(BodyFacts body, DualStackSymbols symbols)
        {
            foreach (IOperation operation in body.Operations)
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when invocation.TargetMethod.Name is "Bind" or "Listen" or "Connect" or "ConnectAsync" or "Start":
                        SocketReference? socket = invocation.TargetMethod.Name == "Start" || !symbols.IsSocket(invocation.TargetMethod.ContainingType)
                            ? null
                            : SocketReference.From(invocation.Instance);
                        if (socket is { } bound && bound.IsBoundBy(invocation, symbols))
                        {
                            Add(bound, invocation);
                        }
                        else if (OperationFlow.ReferencedSymbol(invocation.Instance) is { } owner)
                        {
                            // listener.Start(), client.Connect(): the owner's Server or Client socket is bound.
                            foreach (string member in new[] { "Server", "Client" })
                            {
                                if (SocketReference.FromMember(owner, member) is { } owned && owned.IsBoundBy(invocation, symbols))
                                {
                                    Add(owned, invocation);
                                }
                            }
                        }

                        break;
                    case ISimpleAssignmentOperation { Value: var value } replacement when OperationFlow.Unwrap(value) is IObjectCreationOperation
                        && OperationFlow.ReferencedSymbol(replacement.Target) is { } holder:
                        _replacements.Add((holder, replacement.Syntax.SpanStart));
                        break;
                }
            }
        }

        public Dictionary<int, List<(SocketReference Socket, IInvocationOperation Bind)>> Binds { get; } = [];

        public static BindIndex Of(IOperation operation, DualStackSymbols symbols) => ByBody.GetValue(BodyFacts.Of(operation), body => new BindIndex(body, symbols));

        // socket = new Socket(...) between the bind and the assignment: the DualMode is set on a new, unbound socket.
        public bool ReplacedBetween(ISymbol holder, int start, int end) =>
            _replacements.Exists(replacement => replacement.Position >= start && replacement.Position < end && SymbolEqualityComparer.Default.Equals(replacement.Holder, holder));

        private void Add(SocketReference socket, IInvocationOperation bind)
        {
            if (!Binds.TryGetValue(socket.Key, out List<(SocketReference, IInvocationOperation)>? list))
            {
                Binds[socket.Key] = list = [];
            }

            list.Add((socket, bind));
        }
    }

    // client.Client of a client whose constructor bound it on some path: new UdpClient(port, family), new
    // UdpClient(localEndPoint) and new TcpClient(localEndPoint) bind before returning, so DualMode comes too late there.
    private static IObjectCreationOperation? BindingClientCreation(IOperation socket, Compilation compilation, DualStackSymbols symbols)
    {
        if (OperationFlow.Unwrap(socket) is not IPropertyReferenceOperation { Property.Name: "Client", Instance: { } owner })
        {
            return null;
        }

        foreach (IOperation origin in ValueFlow.Origins(owner, compilation))
        {
            if (origin is IObjectCreationOperation creation && BindsInConstructor(creation, symbols))
            {
                return creation;
            }
        }

        return null;
    }

    private static bool BindsInConstructor(IObjectCreationOperation creation, DualStackSymbols symbols)
    {
        bool udpClient = SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient);
        if (!udpClient && !SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpClient))
        {
            return false;
        }

        System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters = creation.Constructor?.Parameters ?? default;
        if (parameters.IsDefault)
        {
            return false;
        }

        return (parameters.Length == 1 && symbols.IsIPEndPoint(parameters[0].Type))
            || (udpClient && parameters.Length == 2 && parameters[0].Type.SpecialType == SpecialType.System_Int32
                && SymbolEqualityComparer.Default.Equals(parameters[1].Type, symbols.AddressFamily));
    }

    private static IOperation? CreationOfReceiver(IOperation receiver)
    {
        if (OperationFlow.Unwrap(receiver) is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            return null;
        }

        for (IOperation? parent = receiver.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IObjectCreationOperation creation)
            {
                return creation;
            }
        }

        return null;
    }

    // udp.Client of a UdpClient made IPv4 by its constructor: new UdpClient() and new UdpClient(port) create an
    // AF_INET socket, as does a UdpClient or TcpClient given AddressFamily.InterNetwork.
    private static bool IsIPv4ClientSocket(IOperation socket, DualStackSymbols symbols) =>
        OperationFlow.Unwrap(socket) is IPropertyReferenceOperation { Property.Name: "Client", Instance: { } owner }
        && OperationFlow.AllOrigins(CreationOfReceiver(owner) ?? owner, origin => origin is IObjectCreationOperation creation && symbols.IsIPv4ClientCreation(creation));

    private static bool IsIPv4SocketCreation(IOperation origin, DualStackSymbols symbols) =>
        origin is IObjectCreationOperation creation && symbols.IsSocket(creation.Type) && creation.Arguments.Length == 3
        && symbols.IsInterNetwork(creation.Arguments[0].Value);

    private static System.Collections.Immutable.ImmutableDictionary<string, string?> Reason(string reason) =>
        System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, reason);
}
