using System.Collections.Generic;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0002: a listener or local bind on the IPv4 wildcard — <c>new TcpListener(port)</c>, <c>new UdpClient(port)</c>,
/// <c>UdpClient(port, InterNetwork)</c>, or <c>IPAddress.Any</c> / <c>IPAddress.Parse("0.0.0.0")</c> reaching a
/// <c>TcpListener</c>, <c>UdpClient</c> or <c>TcpClient</c> endpoint constructor or <c>Socket.Bind</c> from anywhere in
/// the compilation (a field set in a constructor, an options property, a helper's endpoint, an argument). Reported at
/// the origin. Silent for broadcast/DHCPv4 sockets and for types that also open a socket of the other family.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPv4OnlyWildcardListenerAnalyzer : DualStackAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public IPv4OnlyWildcardListenerAnalyzer()
        : base(DiagnosticDescriptors.IPv4OnlyWildcardListener)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols)
    {
        var reporter = new FlowReporter(Rule, context.Options);
        context.RegisterOperationAction(operationContext => Analyze(operationContext, symbols, reporter), OperationKind.ObjectCreation, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, DualStackSymbols symbols, FlowReporter reporter)
    {
        if (ListenSink.From(context.Operation, symbols) is not { } sink)
        {
            return;
        }

        var found = new List<(IOperation Origin, string What)>();
        if (sink.IsPortOnly)
        {
            found.Add((sink.Operation, $"The port-only {sink.Kind} constructor"));
        }
        else if (sink.Family is not null)
        {
            foreach (IOperation origin in ValueFlow.Origins(sink.Family, context.Compilation, skipFamilyChoices: true))
            {
                if (symbols.IsInterNetwork(origin) && !FamilyBranch.IsInFamilyCheckedArm(origin))
                {
                    found.Add((origin, "AddressFamily.InterNetwork"));
                }
            }
        }
        else
        {
            List<IOperation> origins = sink.AddressOrigins(context.Compilation, symbols, skipFamilyChoices: true);

            // A socket some caller binds to IPAddress.Broadcast is a broadcast responder (an IPv4 discovery protocol),
            // whichever address another caller gives it.
            if (origins.Exists(symbols.IsBroadcastAddress))
            {
                return;
            }

            foreach (IOperation origin in origins)
            {
                if (symbols.IsIPv4Any(origin) && !FamilyBranch.IsInFamilyCheckedArm(origin))
                {
                    if (!TypeSyntaxFacts.Around(sink.Operation.Syntax).SetsDualMode
                        && (ListenSink.IsOneOfPerFamilyArguments(origin, origins, symbols.IsIPv6Any, context.Compilation) || ListenSink.IsListedBesideOtherFamily(origin, origins, symbols.IsIPv6Any)))
                    {
                        continue;
                    }

                    found.Add((origin, origin.Syntax.ToString()));
                }
                else if (IsNumericAny(origin, symbols))
                {
                    found.Add((origin, origin.Syntax.ToString()));
                }
                else if (ParsedText(origin, symbols) is { } text)
                {
                    // "0.0.0.0" as the default of a configuration text that IPAddress.Parse/TryParse reads (or "0.0.0.0:7400"
                    // that IPEndPoint.Parse reads): the text is the origin.
                    bool endPoint = symbols.IsIPEndPoint(((origin as IInvocationOperation) ?? (IInvocationOperation)origin.Parent!).TargetMethod.ContainingType);
                    foreach (IOperation textOrigin in ValueFlow.Origins(text, context.Compilation))
                    {
                        if (textOrigin.ConstantValue is { HasValue: true, Value: string value } && (endPoint ? value.StartsWith("0.0.0.0:", System.StringComparison.Ordinal) : value == "0.0.0.0")
                            && !FamilyBranch.IsInFamilyCheckedArm(textOrigin))
                        {
                            found.Add((textOrigin, "\"" + value + "\""));
                        }
                    }
                }
            }
        }

        if (found.Count == 0 || IsDeliberatelyIPv4(sink, context.Compilation, symbols))
        {
            return;
        }

        Location sinkLocation = sink.Kind == "Socket" ? ((IInvocationOperation)sink.Operation).Arguments[0].Syntax.GetLocation() : sink.Operation.Syntax.GetLocation();
        string sinkText = FlowReporter.Describe(sink.Operation);
        foreach ((IOperation origin, string what) in found)
        {
            reporter.Report(context.ReportDiagnostic, origin, sink.Operation, sinkLocation, null, what, sinkText);
        }
    }

    // The text given to IPAddress.Parse(text), or to IPAddress.TryParse(text, out address) when the origin is its out
    // argument; the same for IPEndPoint's Parse and TryParse.
    private static IOperation? ParsedText(IOperation origin, DualStackSymbols symbols) => origin switch
    {
        IInvocationOperation { TargetMethod.Name: "Parse", Arguments.Length: 1 } parse when (symbols.IsIPAddress(parse.TargetMethod.ContainingType) || symbols.IsIPEndPoint(parse.TargetMethod.ContainingType))
            && (parse.Arguments[0].Value.ConstantValue is not { HasValue: true } || symbols.IsIPEndPoint(parse.TargetMethod.ContainingType)) => parse.Arguments[0].Value,
        IArgumentOperation { Parameter.RefKind: RefKind.Out, Parent: IInvocationOperation { TargetMethod.Name: "TryParse", Arguments.Length: 2 } tryParse }
            when symbols.IsIPAddress(tryParse.TargetMethod.ContainingType) || symbols.IsIPEndPoint(tryParse.TargetMethod.ContainingType) => tryParse.Arguments[0].Value,
        _ => null,
    };

    // new IPEndPoint(0, port): the address 0 as a number is 0.0.0.0.
    private static bool IsNumericAny(IOperation origin, DualStackSymbols symbols) =>
        origin is IObjectCreationOperation { Arguments.Length: 2, Constructor: { } constructor } creation && symbols.IsIPEndPoint(creation.Type)
        && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int64
        && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: 0L or 0 };

    // A UdpClient, or the bind of a UdpClient's socket: the sockets a multicast join is made on.
    private static bool IsUdpSink(ListenSink sink, DualStackSymbols symbols) =>
        sink.Kind == "UdpClient"
        || (sink.Operation is IInvocationOperation { Instance: IPropertyReferenceOperation { Property.Name: "Client", Instance: { } client } }
            && SymbolEqualityComparer.Default.Equals(client.Type, symbols.UdpClient));

    // DHCPv4, broadcast, ICMP and IGMP exist in IPv4 only; a type that also opens the IPv6 side has chosen one socket per family.
    private static bool IsDeliberatelyIPv4(ListenSink sink, Compilation compilation, DualStackSymbols symbols)
    {
        // An ICMP or IGMP socket: those protocols exist on IPv4 only.
        if (sink.Kind == "Socket" && sink.Operation is IInvocationOperation { Instance: { } socket } && ValueFlow.AnyOrigin(socket, compilation, origin => IPv4Protocols.IsIPv4OnlyProtocolSocket(origin, symbols)))
        {
            return true;
        }

        TypeSyntaxFacts type = TypeSyntaxFacts.Around(sink.Operation.Syntax);
        if (type.IsBroadcast || (type.JoinsGroupWithoutIPv6Membership && IsUdpSink(sink, symbols))
            || (!type.SetsDualMode && type.OpensOtherSocketNaming(sink.Operation.Syntax, "AddressFamily.InterNetworkV6", "IPAddress.IPv6Any")))
        {
            return true;
        }

        return sink.Kind is "UdpClient" or "Socket" && sink.ConstantPorts(compilation, symbols).Exists(port => port is 67 or 68);
    }
}
