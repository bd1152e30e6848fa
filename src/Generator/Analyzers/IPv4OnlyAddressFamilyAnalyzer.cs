using System.Collections.Generic;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0001: <c>AddressFamily.InterNetwork</c> reaching a <c>Socket</c>, <c>UdpClient</c> or <c>TcpClient</c> constructor, on every path it
/// can take (a conditional, a field, a parameter), reported where the family is chosen. Silent for broadcast sockets
/// and for types that also open an <c>InterNetworkV6</c> socket (one socket per family, on purpose).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPv4OnlyAddressFamilyAnalyzer : DualStackAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public IPv4OnlyAddressFamilyAnalyzer()
        : base(DiagnosticDescriptors.IPv4OnlyAddressFamily)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols)
    {
        var reporter = new FlowReporter(Rule, context.Options);
        context.RegisterOperationAction(operationContext => Analyze(operationContext, symbols, reporter), OperationKind.ObjectCreation);
    }

    private static void Analyze(OperationAnalysisContext context, DualStackSymbols symbols, FlowReporter reporter)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        bool isSocket = symbols.IsSocket(creation.Type);
        bool isUdpClient = SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient);
        // TcpClient(AddressFamily.InterNetwork) can never reach a peer that has only IPv6, whatever name it connects to.
        bool isTcpClient = SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpClient);
        // UdpClient(int, AddressFamily) binds in its constructor: an IPv4-only wildcard listener, DSG0002's pattern.
        if (!(isSocket || ((isUdpClient || isTcpClient) && creation.Arguments.Length == 1)))
        {
            return;
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (!SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, symbols.AddressFamily))
            {
                continue;
            }

            List<IOperation> origins = ValueFlow.Origins(argument.Value, context.Compilation);

            // A family passed in by callers that also pass InterNetworkV6 (one listener instance per family) is a parameter, not a choice of IPv4.
            if (origins.Exists(symbols.IsInterNetworkV6))
            {
                continue;
            }

            foreach (IOperation origin in origins)
            {
                if (symbols.IsInterNetwork(origin) && !FamilyBranch.IsInFamilyCheckedArm(origin) && !IsDeliberatelyIPv4(creation, context.Compilation, symbols))
                {
                    reporter.Report(context.ReportDiagnostic, origin, creation, argument.Syntax.GetLocation(), null, creation.Type!.Name, FlowReporter.Describe(creation));
                }
            }
        }
    }

    // Broadcast, ICMP and IGMP exist in IPv4 only; a type that also opens the IPv6 side (without making it dual-mode) has
    // chosen one socket per family; a socket made for the one IPv4 address it is given takes that address's family.
    private static bool IsDeliberatelyIPv4(IObjectCreationOperation creation, Compilation compilation, DualStackSymbols symbols)
    {
        if (IPv4Protocols.IsIPv4OnlyProtocolSocket(creation, symbols))
        {
            return true;
        }

        TypeSyntaxFacts type = TypeSyntaxFacts.Around(creation.Syntax);
        return type.IsBroadcast || (!type.SetsDualMode && type.OpensOtherSocketNaming(creation.Syntax, "AddressFamily.InterNetworkV6", "IPAddress.IPv6Any"))
            || IsMadeForFixedIPv4Addresses(creation, compilation, symbols)
            || IsBoundToBroadcast(creation, compilation, symbols);
    }

    // _socket = new Socket(InterNetwork, ...) and, in another member of the type, _socket.Bind(_endPoint), where some
    // caller gives the type IPAddress.Broadcast for that endpoint: a broadcast responder (an IPv4 discovery protocol)
    // whose address its caller chooses.
    private static bool IsBoundToBroadcast(IObjectCreationOperation creation, Compilation compilation, DualStackSymbols symbols)
    {
        ISymbol? socket = creation.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: { } target } => OperationFlow.ReferencedSymbol(target),
            _ => null,
        };
        return socket is not null && creation.SemanticModel is { } model
            && creation.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>() is { } type
            && BroadcastBinds.Contains(socket, type, model, compilation, symbols);
    }

    // var socket = new Socket(InterNetwork, ...); socket.Connect(new IPEndPoint(IPAddress.Parse(a + "." + b + "." + c + "." + d), port)):
    // an FTP PORT peer rebuilt from its four numbers, or a bind to one unicast address of this host. Every address the
    // socket binds or connects to is IPv4 by how it is written, so InterNetwork is that address's family, not a choice
    // that shuts IPv6 peers out. The wildcard and loopback are not such addresses: DSG0002 and DSG0006 speak for them.
    private static bool IsMadeForFixedIPv4Addresses(IObjectCreationOperation creation, Compilation compilation, DualStackSymbols symbols)
    {
        // A socket kept in a field or property is addressed wherever the compilation reads that member.
        IEnumerable<IOperation> reads = creation.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } } => BodyFacts.Of(creation).ReadsOf(local),
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 0 } } stored
                when stored.Target is IMemberReferenceOperation { Member: var member } && CompilationFlow.IsDeclaredInSource(member) =>
                CompilationFlow.Of(compilation).MemberReads(member),
            _ => [],
        };

        bool addressed = false;
        foreach (IOperation read in reads)
        {
            if (read.Parent is IInvocationOperation { TargetMethod.Name: "Bind" or "Connect" or "ConnectAsync" or "BeginConnect", Arguments.Length: > 0 } use
                && use.Instance == read && symbols.IsSocket(use.TargetMethod.ContainingType))
            {
                if (!FixedIPv4Address.IsEveryAddressOf(use.Arguments[0].Value, compilation, symbols))
                {
                    return false;
                }

                addressed = true;
            }
        }

        return addressed;
    }
}
