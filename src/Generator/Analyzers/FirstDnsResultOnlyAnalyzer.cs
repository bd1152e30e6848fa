using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0008: the first address of a DNS answer — <c>Dns.GetHostAddresses(h)[0]</c>, <c>.First()</c>,
/// <c>.FirstOrDefault()</c>, <c>GetHostEntry(h).AddressList[0]</c> — reaching <c>Bind</c>, <c>Connect</c> or
/// <c>new IPEndPoint</c>; the other addresses, often the other family, are never tried.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FirstDnsResultOnlyAnalyzer : DualStackAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public FirstDnsResultOnlyAnalyzer()
        : base(DiagnosticDescriptors.FirstDnsResultOnly)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols) =>
        context.RegisterOperationAction(operationContext => Analyze(operationContext, symbols), OperationKind.ArrayElementReference, OperationKind.Invocation);

    private void Analyze(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        IOperation? addresses = context.Operation switch
        {
            IArrayElementReferenceOperation { Indices.Length: 1 } element when element.Indices[0].ConstantValue is { HasValue: true, Value: 0 } => element.ArrayReference,
            IInvocationOperation { TargetMethod.Name: "First" or "FirstOrDefault", Arguments.Length: 1 } first
                when SymbolEqualityComparer.Default.Equals(first.TargetMethod.ContainingType, symbols.Enumerable) => first.Arguments[0].Value,
            _ => null,
        };
        if (addresses is null || !IsDnsAnswer(addresses, symbols) || Use(context.Operation, symbols) is not { } use)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), "the DNS answer", use));
    }

    private static bool IsDnsAnswer(IOperation addresses, DualStackSymbols symbols) => OperationFlow.AllOrigins(addresses, origin => origin switch
    {
        IAwaitOperation awaited => IsDnsAnswer(awaited.Operation, symbols),
        IInvocationOperation { TargetMethod.Name: "GetHostAddresses" or "GetHostAddressesAsync" } lookup => SymbolEqualityComparer.Default.Equals(lookup.TargetMethod.ContainingType, symbols.Dns),
        IPropertyReferenceOperation { Property.Name: "AddressList" } list => SymbolEqualityComparer.Default.Equals(list.Property.ContainingType, symbols.IPHostEntry),
        _ => false,
    });

    /// <summary>What the first address is used for — bind, connect or an endpoint — or <see langword="null"/> when it reaches none of them.</summary>
    private static string? Use(IOperation first, DualStackSymbols symbols)
    {
        IOperation value = first;
        while (value.Parent is IConversionOperation conversion)
        {
            value = conversion;
        }

        if (SinkOf(value.Parent, symbols) is { } sink)
        {
            return sink;
        }

        if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return OperationFlow.Root(first).Descendants()
                .OfType<ILocalReferenceOperation>()
                .Where(reference => SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                .Select(reference => SinkOf(reference.Parent is IConversionOperation c ? c.Parent : reference.Parent, symbols))
                .FirstOrDefault(sink => sink is not null);
        }

        return null;
    }

    private static string? SinkOf(IOperation? parent, DualStackSymbols symbols)
    {
        if (parent is not IArgumentOperation argument)
        {
            return null;
        }

        return argument.Parent switch
        {
            IObjectCreationOperation creation when symbols.IsIPEndPoint(creation.Type) => "build an endpoint",
            IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpListener) => "listen",
            IInvocationOperation { TargetMethod.Name: "Bind" } => "bind",
            IInvocationOperation { TargetMethod.Name: "Connect" or "ConnectAsync" } => "connect",
            _ => null,
        };
    }
}
