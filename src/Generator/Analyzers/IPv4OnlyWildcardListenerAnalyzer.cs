using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0002: a listener on the IPv4 wildcard — <c>new TcpListener(port)</c>, <c>new UdpClient(port)</c>, or
/// <c>IPAddress.Any</c> / <c>IPAddress.Parse("0.0.0.0")</c> reaching a listener constructor or <c>Socket.Bind</c>.
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
        context.RegisterOperationAction(operationContext => AnalyzeCreation(operationContext, symbols), OperationKind.ObjectCreation);
        context.RegisterOperationAction(operationContext => AnalyzeBind(operationContext, symbols), OperationKind.Invocation);
    }

    private void AnalyzeCreation(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is not { } constructor)
        {
            return;
        }

        bool isTcpListener = SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpListener);
        bool isUdpClient = SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient);
        if ((isTcpListener || isUdpClient) && ListensOnIPv4Wildcard(creation, constructor, symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), "This " + creation.Type!.Name));
        }
    }

    private void AnalyzeBind(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name == "Bind" && symbols.IsSocket(invocation.TargetMethod.ContainingType)
            && invocation.Arguments.Length == 1 && symbols.IsEndPointOf(invocation.Arguments[0].Value, symbols.IsIPv4Any))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Arguments[0].Syntax.GetLocation(), "This socket"));
        }
    }

    private static bool ListensOnIPv4Wildcard(IObjectCreationOperation creation, IMethodSymbol constructor, DualStackSymbols symbols)
    {
        var parameters = constructor.Parameters;
        if (parameters.Length == 1 && parameters[0].Type.SpecialType == SpecialType.System_Int32)
        {
            return true;
        }

        if (parameters.Length == 1 && symbols.IsIPEndPoint(parameters[0].Type))
        {
            return symbols.IsEndPointOf(creation.Arguments[0].Value, symbols.IsIPv4Any);
        }

        if (parameters.Length == 2 && symbols.IsIPAddress(parameters[0].Type))
        {
            return symbols.IsIPv4Any(DualStackSymbols.Argument(creation.Arguments, parameters[0].Name));
        }

        return parameters.Length == 2 && parameters[0].Type.SpecialType == SpecialType.System_Int32
            && SymbolEqualityComparer.Default.Equals(parameters[1].Type, symbols.AddressFamily)
            && symbols.IsInterNetwork(DualStackSymbols.Argument(creation.Arguments, parameters[1].Name));
    }
}
