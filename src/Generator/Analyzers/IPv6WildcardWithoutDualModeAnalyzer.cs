using System.Collections.Generic;
using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0009: an <c>InterNetworkV6</c> socket, <c>TcpListener</c> or <c>UdpClient</c> on <c>IPAddress.IPv6Any</c> — chosen
/// anywhere in the compilation (a helper's endpoint, a configuration keyword) — with no <c>DualMode</c> (or explicit
/// IPV6_V6ONLY option) set before the bind: .NET creates IPv6 sockets with DualMode off, so it serves IPv6 only.
/// Reported at the origin. Silent in a type that also opens the IPv4 side (one socket per family, on purpose).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPv6WildcardWithoutDualModeAnalyzer : DualStackAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public IPv6WildcardWithoutDualModeAnalyzer()
        : base(DiagnosticDescriptors.IPv6WildcardWithoutDualMode)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols)
    {
        var reporter = new FlowReporter(Rule, context.Options);
        context.RegisterOperationAction(operationContext => Analyze(operationContext, symbols, reporter), OperationKind.Invocation, OperationKind.ObjectCreation);
    }

    private static void Analyze(OperationAnalysisContext context, DualStackSymbols symbols, FlowReporter reporter)
    {
        if (ListenSink.From(context.Operation, symbols) is not { } sink || sink.IsPortOnly || sink.Kind == "TcpClient")
        {
            return;
        }

        if (sink.Family is not null)
        {
            // UdpClient(port, InterNetworkV6) binds at once: there is no moment to set DualMode before the bind.
            foreach (IOperation origin in ValueFlow.Origins(sink.Family, context.Compilation, skipFamilyChoices: true))
            {
                if (symbols.IsInterNetworkV6(origin) && !OpensIPv4Side(sink))
                {
                    reporter.Report(context.ReportDiagnostic, origin, sink.Operation, sink.Operation.Syntax.GetLocation(), null, "AddressFamily.InterNetworkV6", FlowReporter.Describe(sink.Operation));
                }
            }

            return;
        }

        if (!IsUnconfigured(sink, symbols))
        {
            return;
        }

        List<IOperation> origins = sink.AddressOrigins(context.Compilation, symbols, skipFamilyChoices: true);
        foreach (IOperation origin in origins)
        {
            if (symbols.IsIPv6Any(origin) && !FamilyBranch.IsInFamilyCheckedArm(origin) && !OpensIPv4Side(sink)
                && !ListenSink.IsOneOfPerFamilyArguments(origin, origins, symbols.IsIPv4Any, context.Compilation))
            {
                reporter.Report(context.ReportDiagnostic, origin, sink.Operation, sink.Operation.Syntax.GetLocation(), null, origin.Syntax.ToString(), FlowReporter.Describe(sink.Operation));
            }
            else if (ParsedEndPointText(origin, symbols) is { } text && !OpensIPv4Side(sink))
            {
                // IPEndPoint.Parse("[::]:7401"), also as the default of a configuration text: the text is the origin.
                foreach (IOperation textOrigin in ValueFlow.Origins(text, context.Compilation))
                {
                    if (textOrigin.ConstantValue is { HasValue: true, Value: string value } && value.StartsWith("[::]:", System.StringComparison.Ordinal)
                        && !FamilyBranch.IsInFamilyCheckedArm(textOrigin))
                    {
                        reporter.Report(context.ReportDiagnostic, textOrigin, sink.Operation, sink.Operation.Syntax.GetLocation(), null, textOrigin.Syntax.ToString(), FlowReporter.Describe(sink.Operation));
                    }
                }
            }
        }
    }

    // The text IPEndPoint.Parse(text) reads, or IPEndPoint.TryParse(text, out endPoint) when the origin is its out argument.
    private static IOperation? ParsedEndPointText(IOperation origin, DualStackSymbols symbols) => origin switch
    {
        IInvocationOperation { TargetMethod.Name: "Parse", Arguments.Length: 1 } parse when symbols.IsIPEndPoint(parse.TargetMethod.ContainingType) => parse.Arguments[0].Value,
        IArgumentOperation { Parameter.RefKind: RefKind.Out, Parent: IInvocationOperation { TargetMethod.Name: "TryParse", Arguments.Length: 2 } tryParse }
            when symbols.IsIPEndPoint(tryParse.TargetMethod.ContainingType) => tryParse.Arguments[0].Value,
        _ => null,
    };

    // A type that also opens the IPv4 side runs one socket per family: IPv6-only is then the point (SeparateSockets).
    private static bool OpensIPv4Side(ListenSink sink) =>
        TypeSyntaxFacts.Around(sink.Operation.Syntax).OpensOtherSocketNaming(sink.Operation.Syntax, "AddressFamily.InterNetwork", "IPAddress.Any");

    private static bool IsUnconfigured(ListenSink sink, DualStackSymbols symbols)
    {
        switch (sink.Operation)
        {
            case IInvocationOperation when sink.IsBaseInitializer:
                // A TcpListener subclass may set Server.DualMode in its own constructor or before Start; a UdpClient's
                // base(IPEndPoint) binds at once.
                return sink.Kind == "UdpClient" || !TypeSyntaxFacts.Around(sink.Operation.Syntax).SetsDualMode;
            case IInvocationOperation bind:
                if (SocketReference.From(bind.Instance) is not { Member: null } socket)
                {
                    return false;
                }

                // Sockets this method did not create are left alone: their option may have been set elsewhere.
                System.Func<IOperation, bool> isPlainCreation = origin =>
                    origin is IObjectCreationOperation { Arguments.Length: 3 } creation && symbols.IsSocket(creation.Type)
                    && !symbols.IsInterNetwork(creation.Arguments[0].Value) && !SetsDualMode(creation.Initializer);
                bool createdHereWithoutOption = OperationFlow.AllOrigins(bind.Instance, isPlainCreation)
                    || MemberAssignments.Of(bind).CreatedBefore(socket.Holder, bind, isPlainCreation);
                return createdHereWithoutOption && !ConfiguresV6OnlyBefore(socket, bind, symbols);
            case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpListener):
                return !SetsDualMode(creation.Initializer) && !ListenerConfiguredLater(creation, symbols);
            case IObjectCreationOperation:
                // UdpClient(IPEndPoint) binds in its constructor.
                return sink.Kind == "UdpClient";
            default:
                return false;
        }
    }

    private static bool ConfiguresV6OnlyBefore(SocketReference socket, IInvocationOperation bind, DualStackSymbols symbols)
    {
        foreach (IOperation operation in SocketConfigurations.Of(bind, socket))
        {
            if (operation.Syntax.SpanStart < bind.Syntax.SpanStart && IsV6OnlyConfiguration(operation, socket, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHandedOnUnstarted(IOperation creation, ILocalSymbol local)
    {
        bool handedOn = false;
        foreach (ILocalReferenceOperation read in BodyFacts.Of(creation).ReadsOf(local))
        {
            if ((read.Parent is IInvocationOperation { TargetMethod.Name: "Start" } start && start.Instance == read)
                || read.Parent is IConditionalAccessOperation { WhenNotNull: IInvocationOperation { TargetMethod.Name: "Start" } })
            {
                return false;
            }

            handedOn |= read.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var callee } } && MayConfigure(callee);
        }

        return handedOn;
    }

    // A method of a library may set anything; one of the compilation's own does only if its type spells the option.
    private static bool MayConfigure(IMethodSymbol callee) =>
        !callee.Locations.Any(location => location.IsInSource)
        || TypeSyntaxFacts.AnyDeclarationOf(callee.ContainingType, static facts => facts.SpellsDualModeOrIPv6Only);

    private static bool ListenerConfiguredLater(IObjectCreationOperation creation, DualStackSymbols symbols)
    {
        IOperation? parent = creation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        ISymbol? holderSymbol = parent switch
        {
            IFieldInitializerOperation or IPropertyInitializerOperation => null,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation variable } => variable.Symbol,
            ISimpleAssignmentOperation assignment => OperationFlow.ReferencedSymbol(assignment.Target),
            _ => null,
        };

        // A listener kept in a field or property may be configured by any member of the type (a constructor, Start):
        // one method body cannot tell, and a guess would flag correct code. A private one in a type none of whose
        // declarations spells DualMode or IPv6Only is configured nowhere.
        if (parent is IFieldInitializerOperation or IPropertyInitializerOperation || holderSymbol is IFieldSymbol or IPropertySymbol)
        {
            ISymbol? member = holderSymbol ?? (parent as ISymbolInitializerOperation) switch
            {
                IFieldInitializerOperation field when field.InitializedFields.Length == 1 => field.InitializedFields[0],
                IPropertyInitializerOperation property when property.InitializedProperties.Length == 1 => property.InitializedProperties[0],
                _ => null,
            };
            return member is not { DeclaredAccessibility: Accessibility.Private, ContainingType: { } type } || TypeSyntaxFacts.AnyDeclarationOf(type, static facts => facts.SpellsDualModeOrIPv6Only);
        }

        if (holderSymbol is null)
        {
            return false;
        }

        // A listener handed to another method (new Thread(() => StartListener(listener))) and never started here is
        // bound there: its option may be set there too.
        if (holderSymbol is ILocalSymbol local && IsHandedOnUnstarted(creation, local))
        {
            return true;
        }

        return SocketConfigurations.Of(creation, SocketReference.FromMember(holderSymbol, "Server")!.Value)
            .Any(operation => IsV6OnlyConfiguration(operation, SocketReference.FromMember(holderSymbol, "Server")!.Value, symbols));
    }

    private static bool IsV6OnlyConfiguration(IOperation? operation, SocketReference socket, DualStackSymbols symbols) => operation switch
    {
        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "DualMode", Instance: { } instance } } => socket.Names(instance),
        IPropertyReferenceOperation { Property.Name: "DualMode", Parent: ISimpleAssignmentOperation, Instance: { } instance } => socket.Names(instance),
        IInvocationOperation { TargetMethod.Name: "SetSocketOption", Instance: { } instance } setOption => symbols.IsSocket(setOption.TargetMethod.ContainingType) && socket.Names(instance) && CanSetIPv6Only(setOption),
        _ => false,
    };

    // KeepAlive, NoDelay, ReuseAddress say nothing about IPV6_V6ONLY; an option name that is not a constant may be it.
    private static bool CanSetIPv6Only(IInvocationOperation setOption)
    {
        foreach (IArgumentOperation argument in setOption.Arguments)
        {
            if (argument.Parameter?.Type.Name == "SocketOptionName")
            {
                return argument.Value.ConstantValue is not { HasValue: true, Value: { } name } || System.Convert.ToInt32(name, System.Globalization.CultureInfo.InvariantCulture) == (int)System.Net.Sockets.SocketOptionName.IPv6Only;
            }
        }

        return true;
    }

    /// <summary>
    /// The assignments of one body to fields and properties, and the calls it makes to its own type's methods, found once
    /// per body: <c>_socket = new Socket(...); _socket.Bind(endPoint);</c> creates the field's socket in this method as
    /// surely as a local would.
    /// </summary>
    private sealed class MemberAssignments
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BodyFacts, MemberAssignments> ByBody = new();

        private readonly Dictionary<ISymbol, List<ISimpleAssignmentOperation>> _assignments = new(SymbolEqualityComparer.Default);
        private readonly List<int> _ownCalls = [];

        private MemberAssignments(BodyFacts body)
        {
            foreach (IOperation operation in body.Operations)
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 0 } } assignment
                        when OperationFlow.ReferencedSymbol(assignment.Target) is { } member:
                        if (!_assignments.TryGetValue(member, out List<ISimpleAssignmentOperation>? list))
                        {
                            _assignments[member] = list = [];
                        }

                        list.Add(assignment);
                        break;
                    case IInvocationOperation { Instance: null or IInstanceReferenceOperation } call when CompilationFlow.IsDeclaredInSource(call.TargetMethod):
                        _ownCalls.Add(call.Syntax.SpanStart);
                        break;
                }
            }
        }

        public static MemberAssignments Of(IOperation operation) => ByBody.GetValue(BodyFacts.Of(operation), static body => new MemberAssignments(body));

        /// <summary>
        /// Whether <paramref name="member"/> is assigned earlier in the body, by statements in the bind's own block or one
        /// around it (outside lambdas), every such value satisfies <paramref name="isCreation"/>, and no call to the type's
        /// own methods (which could configure it) runs between.
        /// </summary>
        public bool CreatedBefore(ISymbol member, IOperation bind, System.Func<IOperation, bool> isCreation)
        {
            if (member is not (IFieldSymbol or IPropertySymbol) || !_assignments.TryGetValue(member, out List<ISimpleAssignmentOperation>? assignments))
            {
                return false;
            }

            int bindAt = bind.Syntax.SpanStart;
            int lastAt = -1;
            foreach (ISimpleAssignmentOperation assignment in assignments)
            {
                if (assignment.Syntax.SpanStart >= bindAt)
                {
                    continue;
                }

                // Unconditional on the way to the bind: the statement's block holds the bind too.
                if (!FlowReporter.SameBody(assignment, bind) || !OperationFlow.AllOrigins(assignment.Value, isCreation)
                    || assignment.Parent is not IExpressionStatementOperation statement || statement.Syntax.Parent is not { } block || !block.Span.Contains(bind.Syntax.Span))
                {
                    return false;
                }

                lastAt = System.Math.Max(lastAt, assignment.Syntax.Span.End);
            }

            return lastAt >= 0 && !_ownCalls.Exists(call => call > lastAt && call < bindAt);
        }
    }

    private static bool SetsDualMode(IObjectOrCollectionInitializerOperation? initializer) =>
        initializer is not null && initializer.Descendants().Any(operation => operation is IPropertyReferenceOperation { Property.Name: "DualMode" });
}
