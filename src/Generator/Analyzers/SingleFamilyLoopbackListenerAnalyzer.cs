using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0006: a listener on <c>IPAddress.Loopback</c> or <c>IPAddress.IPv6Loopback</c> when the method listens on no
/// other loopback: a client that resolves <c>localhost</c> to the other family cannot connect.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SingleFamilyLoopbackListenerAnalyzer : DualStackAnalyzer
{
    private const string IPv4Loopback = "Loopback";
    private const string IPv6Loopback = "IPv6Loopback";

    /// <summary>Creates the analyzer.</summary>
    public SingleFamilyLoopbackListenerAnalyzer()
        : base(DiagnosticDescriptors.SingleFamilyLoopbackListener)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols) =>
        context.RegisterOperationAction(operationContext => Analyze(operationContext, symbols), OperationKind.ObjectCreation, OperationKind.Invocation);

    private void Analyze(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        if (ListenedAddress(context.Operation, symbols) is not { } address)
        {
            return;
        }

        string? family = symbols.IsLoopback(address, IPv4Loopback) ? IPv4Loopback : symbols.IsLoopback(address, IPv6Loopback) ? IPv6Loopback : null;
        if (family is null)
        {
            return;
        }

        string other = family == IPv4Loopback ? IPv6Loopback : IPv4Loopback;
        bool otherListenedToo = OperationFlow.Root(context.Operation).Descendants()
            .Any(operation => ListenedAddress(operation, symbols) is { } otherAddress && symbols.IsLoopback(otherAddress, other));
        if (!otherListenedToo)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, address.Syntax.GetLocation(),
                family == IPv4Loopback ? "IPAddress.Loopback (127.0.0.1)" : "IPAddress.IPv6Loopback (::1)"));
        }
    }

    /// <summary>The address a listener constructor or <c>Socket.Bind</c> listens on, when it is written as an address.</summary>
    private static IOperation? ListenedAddress(IOperation operation, DualStackSymbols symbols)
    {
        IOperation? endPointOrAddress = operation switch
        {
            IObjectCreationOperation { Arguments.Length: >= 1 } creation when SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpListener)
                || (SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient) && creation.Arguments.Length == 1)
                => creation.Arguments[0].Value,
            IInvocationOperation { TargetMethod.Name: "Bind", Arguments.Length: 1 } bind when symbols.IsSocket(bind.TargetMethod.ContainingType)
                => bind.Arguments[0].Value,
            _ => null,
        };
        if (endPointOrAddress is null)
        {
            return null;
        }

        if (symbols.IsIPAddress(OperationFlow.Unwrap(endPointOrAddress).Type))
        {
            return OperationFlow.Unwrap(endPointOrAddress);
        }

        IOperation? address = null;
        bool isEndPoint = symbols.IsEndPointOf(endPointOrAddress, candidate =>
        {
            address = OperationFlow.Unwrap(candidate);
            return true;
        });
        return isEndPoint ? address : null;
    }
}
