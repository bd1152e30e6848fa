using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>DSG0001: <c>AddressFamily.InterNetwork</c> given to a <c>Socket</c> or <c>UdpClient</c> constructor.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IPv4OnlyAddressFamilyAnalyzer : DualStackAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public IPv4OnlyAddressFamilyAnalyzer()
        : base(DiagnosticDescriptors.IPv4OnlyAddressFamily)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols) =>
        context.RegisterOperationAction(operationContext => Analyze(operationContext, symbols), OperationKind.ObjectCreation);

    private void Analyze(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        bool isSocket = symbols.IsSocket(creation.Type);
        bool isUdpClient = SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient);
        // UdpClient(int, AddressFamily) binds in its constructor: an IPv4-only wildcard listener, DSG0002's pattern.
        if (!(isSocket || (isUdpClient && creation.Arguments.Length == 1)))
        {
            return;
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, symbols.AddressFamily) && symbols.IsInterNetwork(argument.Value))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Syntax.GetLocation(), creation.Type!.Name));
            }
        }
    }
}
