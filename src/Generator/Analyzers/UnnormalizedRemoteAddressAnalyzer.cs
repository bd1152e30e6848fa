using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0004: an address a socket reported (<c>RemoteEndPoint</c>, <c>LocalEndPoint</c>, a receive result) — also through
/// a request object's property and a parameter — compared with an IPv4 address, checked against
/// <c>AddressFamily.InterNetwork</c> or used as a collection key (an allow/deny list), with no unwrapping of the
/// IPv4-mapped form on the way. Silent inside a branch that already checked the family. The runtime's endpoints (DualStackGen.*) are already normalized,
/// so they are never sources.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnnormalizedRemoteAddressAnalyzer : DualStackAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public UnnormalizedRemoteAddressAnalyzer()
        : base(DiagnosticDescriptors.UnnormalizedRemoteAddress)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols)
    {
        var sources = new SocketAddressSources(symbols, context.Compilation);
        context.RegisterOperationAction(operationContext => AnalyzeComparison(operationContext, symbols, sources), OperationKind.Binary);
        context.RegisterOperationAction(operationContext => AnalyzePattern(operationContext, symbols, sources), OperationKind.IsPattern);
        context.RegisterOperationAction(operationContext => AnalyzeInvocation(operationContext, symbols, sources), OperationKind.Invocation);
        context.RegisterOperationAction(operationContext => AnalyzeIndexer(operationContext, symbols, sources), OperationKind.PropertyReference);
    }

    private void AnalyzeComparison(OperationAnalysisContext context, DualStackSymbols symbols, SocketAddressSources sources)
    {
        var comparison = (IBinaryOperation)context.Operation;
        if (comparison.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            return;
        }

        ReportComparison(context, comparison.LeftOperand, comparison.RightOperand, symbols, sources);
        ReportComparison(context, comparison.RightOperand, comparison.LeftOperand, symbols, sources);
    }

    private void AnalyzePattern(OperationAnalysisContext context, DualStackSymbols symbols, SocketAddressSources sources)
    {
        var pattern = (IIsPatternOperation)context.Operation;
        if (pattern.Pattern is IConstantPatternOperation constant && symbols.IsInterNetwork(constant.Value))
        {
            ReportFamilyCheck(context, pattern.Value, sources);
            return;
        }

        // address is { AddressFamily: AddressFamily.InterNetwork }
        if (pattern.Pattern is IRecursivePatternOperation recursive)
        {
            foreach (IPropertySubpatternOperation property in recursive.PropertySubpatterns)
            {
                if (property.Member is IPropertyReferenceOperation { Property.Name: "AddressFamily" } && property.Pattern is IConstantPatternOperation familyConstant
                    && symbols.IsInterNetwork(familyConstant.Value))
                {
                    ReportFamilyCheck(context, pattern.Value, sources);
                    return;
                }
            }
        }
    }

    private void AnalyzeInvocation(OperationAnalysisContext context, DualStackSymbols symbols, SocketAddressSources sources)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name == "Equals" && invocation.Instance is { } instance && invocation.Arguments.Length == 1)
        {
            ReportComparison(context, instance, invocation.Arguments[0].Value, symbols, sources);
            ReportComparison(context, invocation.Arguments[0].Value, instance, symbols, sources);
            return;
        }

        if (IsKeyedCollection(invocation.TargetMethod.ContainingType) && invocation.TargetMethod.Name is "Add" or "TryAdd" or "ContainsKey" or "TryGetValue" or "Contains" or "Remove" or "GetOrAdd" or "AddOrUpdate" or "GetValueOrDefault")
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.OriginalDefinition.Type is ITypeParameterSymbol)
                {
                    ReportKey(context, argument.Value, symbols, sources);
                }
            }
        }
    }

    private void AnalyzeIndexer(OperationAnalysisContext context, DualStackSymbols symbols, SocketAddressSources sources)
    {
        var indexer = (IPropertyReferenceOperation)context.Operation;
        if (indexer.Property.IsIndexer && indexer.Arguments.Length == 1 && IsKeyedCollection(indexer.Property.ContainingType))
        {
            ReportKey(context, indexer.Arguments[0].Value, symbols, sources);
        }
    }

    private void ReportComparison(OperationAnalysisContext context, IOperation candidate, IOperation other, DualStackSymbols symbols, SocketAddressSources sources)
    {
        if (OperationFlow.Unwrap(candidate) is IPropertyReferenceOperation { Property.Name: "AddressFamily", Instance: { } owner } && symbols.IsInterNetwork(other))
        {
            ReportFamilyCheck(context, owner, sources);
            return;
        }

        if (symbols.IsIPAddress(OperationFlow.Unwrap(candidate).Type) && !InFamilyCheckedBranch(candidate) && symbols.IsIPv4Address(other) && sources.IsSocketAddress(candidate))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, OperationFlow.Unwrap(candidate).Syntax.GetLocation(), OperationFlow.Unwrap(candidate).Syntax.ToString(), "comparing it with an IPv4 address"));
        }
    }

    private void ReportFamilyCheck(OperationAnalysisContext context, IOperation familyOwner, SocketAddressSources sources)
    {
        if (OperationFlow.Unwrap(familyOwner) is IPropertyReferenceOperation { Property.Name: "AddressFamily", Instance: { } owner })
        {
            familyOwner = owner;
        }

        familyOwner = OperationFlow.Unwrap(familyOwner);
        if (!InFamilyCheckedBranch(familyOwner) && (sources.IsSocketAddress(familyOwner) || sources.IsSocketEndPoint(familyOwner)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, familyOwner.Syntax.GetLocation(), familyOwner.Syntax.ToString(), "checking it against AddressFamily.InterNetwork"));
        }
    }

    private void ReportKey(OperationAnalysisContext context, IOperation key, DualStackSymbols symbols, SocketAddressSources sources)
    {
        if (symbols.IsIPAddress(OperationFlow.Unwrap(key).Type) && !InFamilyCheckedBranch(key) && sources.IsSocketAddress(key))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, OperationFlow.Unwrap(key).Syntax.GetLocation(), OperationFlow.Unwrap(key).Syntax.ToString(), "using it as a key"));
        }
    }

    private static bool InFamilyCheckedBranch(IOperation operation) => FamilyBranch.IsInFamilyCheckedArm(operation);

    private static bool IsKeyedCollection(INamedTypeSymbol? type)
    {
        string? ns = type?.ContainingNamespace?.ToDisplayString();
        return ns is "System.Collections.Generic" or "System.Collections.Concurrent" or "System.Collections.Immutable" or "System.Collections.Frozen";
    }
}
