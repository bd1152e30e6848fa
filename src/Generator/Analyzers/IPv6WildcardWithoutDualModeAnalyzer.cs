using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0009: an <c>InterNetworkV6</c> socket, <c>TcpListener</c> or <c>UdpClient</c> on <c>IPAddress.IPv6Any</c> with no
/// <c>DualMode</c> (or explicit IPV6_V6ONLY option) set before the bind: IPv6 only on Windows and most Linux.
/// Sockets this method did not create are left alone: their option may have been set elsewhere.
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
        context.RegisterOperationAction(operationContext => AnalyzeBind(operationContext, symbols), OperationKind.Invocation);
        context.RegisterOperationAction(operationContext => AnalyzeCreation(operationContext, symbols), OperationKind.ObjectCreation);
    }

    private void AnalyzeBind(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var bind = (IInvocationOperation)context.Operation;
        if (bind.TargetMethod.Name != "Bind" || !symbols.IsSocket(bind.TargetMethod.ContainingType) || bind.Arguments.Length != 1
            || !symbols.IsEndPointOf(bind.Arguments[0].Value, symbols.IsIPv6Any)
            || SocketReference.From(bind.Instance) is not { Member: null } socket)
        {
            return;
        }

        bool createdHereWithoutOption = OperationFlow.AllOrigins(bind.Instance, origin =>
            origin is IObjectCreationOperation { Arguments.Length: 3 } creation && symbols.IsSocket(creation.Type)
            && !symbols.IsInterNetwork(creation.Arguments[0].Value) && !SetsDualMode(creation.Initializer));
        if (createdHereWithoutOption && !ConfiguresV6OnlyBefore(socket, bind, symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, bind.Syntax.GetLocation(), $"'{bind.Instance!.Syntax}'"));
        }
    }

    private void AnalyzeCreation(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is not { } constructor)
        {
            return;
        }

        var parameters = constructor.Parameters;
        if (SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpListener))
        {
            bool onIPv6Any = (parameters.Length == 2 && symbols.IsIPv6Any(DualStackSymbols.Argument(creation.Arguments, parameters[0].Name)))
                || (parameters.Length == 1 && symbols.IsIPEndPoint(parameters[0].Type) && symbols.IsEndPointOf(creation.Arguments[0].Value, symbols.IsIPv6Any));
            if (onIPv6Any && !SetsDualMode(creation.Initializer) && !ListenerConfiguredLater(creation, symbols))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), "This TcpListener"));
            }
        }
        else if (SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient))
        {
            // These constructors bind at once: there is no moment to set DualMode before the bind.
            bool bindsIPv6Any = (parameters.Length == 1 && symbols.IsIPEndPoint(parameters[0].Type) && symbols.IsEndPointOf(creation.Arguments[0].Value, symbols.IsIPv6Any))
                || (parameters.Length == 2 && parameters[0].Type.SpecialType == SpecialType.System_Int32
                    && symbols.IsInterNetworkV6(DualStackSymbols.Argument(creation.Arguments, parameters[1].Name)));
            if (bindsIPv6Any)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), "This UdpClient"));
            }
        }
    }

    private static bool ConfiguresV6OnlyBefore(SocketReference socket, IInvocationOperation bind, DualStackSymbols symbols) =>
        OperationFlow.AnyBefore(OperationFlow.Root(bind), bind.Syntax.SpanStart, operation => IsV6OnlyConfiguration(operation, socket, symbols));

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
        // one method body cannot tell, and a guess would flag correct code.
        if (parent is IFieldInitializerOperation or IPropertyInitializerOperation || holderSymbol is IFieldSymbol or IPropertySymbol)
        {
            return true;
        }

        if (holderSymbol is null)
        {
            return false;
        }

        return OperationFlow.Root(creation).Descendants().Any(operation =>
            SocketReference.From(operation) is { Member: "Server" } reference
            && SymbolEqualityComparer.Default.Equals(reference.Holder, holderSymbol)
            && IsV6OnlyConfiguration(operation.Parent, reference, symbols));
    }

    private static bool IsV6OnlyConfiguration(IOperation? operation, SocketReference socket, DualStackSymbols symbols) => operation switch
    {
        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "DualMode", Instance: { } instance } } => socket.Names(instance),
        IPropertyReferenceOperation { Property.Name: "DualMode", Parent: ISimpleAssignmentOperation, Instance: { } instance } => socket.Names(instance),
        IInvocationOperation { TargetMethod.Name: "SetSocketOption", Instance: { } instance } setOption => symbols.IsSocket(setOption.TargetMethod.ContainingType) && socket.Names(instance),
        _ => false,
    };

    private static bool SetsDualMode(IObjectOrCollectionInitializerOperation? initializer) =>
        initializer is not null && initializer.Descendants().Any(operation => operation is IPropertyReferenceOperation { Property.Name: "DualMode" });
}
