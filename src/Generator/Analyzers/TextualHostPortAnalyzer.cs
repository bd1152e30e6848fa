using System;
using System.Collections.Generic;
using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0007: an endpoint built as text — <c>$"{address}:{port}"</c> or <c>host + ":" + port</c> — or split with
/// <c>Split(':')</c> into a host and a port that is then parsed. IPv6 addresses contain ':' and need brackets.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TextualHostPortAnalyzer : DualStackAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public TextualHostPortAnalyzer()
        : base(DiagnosticDescriptors.TextualHostPort)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols)
    {
        context.RegisterOperationAction(operationContext => AnalyzeInterpolation(operationContext, symbols), OperationKind.InterpolatedString);
        context.RegisterOperationAction(operationContext => AnalyzeConcatenation(operationContext, symbols), OperationKind.Binary);
        context.RegisterOperationAction(AnalyzeSplit, OperationKind.Invocation);
    }

    private void AnalyzeInterpolation(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var interpolated = (IInterpolatedStringOperation)context.Operation;
        var parts = interpolated.Parts.Select(part => part switch
        {
            IInterpolationOperation interpolation => interpolation.Expression,
            IInterpolatedStringTextOperation text => text.Text,
            _ => part,
        }).ToList();
        if (JoinsHostAndPort(parts, symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, interpolated.Syntax.GetLocation(), "Joining a host and a port with ':'"));
        }
    }

    private void AnalyzeConcatenation(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var concatenation = (IBinaryOperation)context.Operation;
        if (!IsStringConcatenation(concatenation) || concatenation.Parent is IBinaryOperation parent && IsStringConcatenation(parent))
        {
            return;
        }

        var operands = new List<IOperation>();
        Flatten(concatenation, operands);
        if (JoinsHostAndPort(operands, symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, concatenation.Syntax.GetLocation(), "Joining a host and a port with ':'"));
        }
    }

    private void AnalyzeSplit(OperationAnalysisContext context)
    {
        var split = (IInvocationOperation)context.Operation;
        if (split.TargetMethod.Name != "Split" || split.TargetMethod.ContainingType.SpecialType != SpecialType.System_String
            || !split.Arguments.Any(argument => IsColon(argument.Value)))
        {
            return;
        }

        bool portParsed = OperationFlow.Root(split).Descendants().Any(operation =>
            operation is IArrayElementReferenceOperation { Parent: IArgumentOperation { Parent: IInvocationOperation parse } } element
            && parse.TargetMethod.Name is "Parse" or "TryParse" or "ToInt32" or "ToUInt16"
            && parse.TargetMethod.ContainingType.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt16 or SpecialType.None
            && OperationFlow.AnyOrigin(element.ArrayReference, origin => origin == split));
        if (portParsed)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, split.Syntax.GetLocation(), "Splitting an endpoint at ':'"));
        }
    }

    /// <summary>Whether the parts hold a host, then text starting with ':', then a port.</summary>
    private static bool JoinsHostAndPort(List<object> parts, DualStackSymbols symbols)
    {
        for (int i = 0; i + 2 < parts.Count; i++)
        {
            if (parts[i] is IOperation host && IsHost(host, symbols) && Text(parts[i + 1]) is { } separator
                && separator.StartsWith(":", StringComparison.Ordinal) && separator.Length == 1 && parts[i + 2] is IOperation port && IsPort(port))
            {
                return true;
            }
        }

        return false;
    }

    private static bool JoinsHostAndPort(List<IOperation> operands, DualStackSymbols symbols) => JoinsHostAndPort(operands.Cast<object>().ToList(), symbols);

    private static string? Text(object part) => part switch
    {
        string text => text,
        IOperation operation when operation.ConstantValue is { HasValue: true, Value: string text } => text,
        IOperation operation when operation.ConstantValue is { HasValue: true, Value: char character } => character.ToString(),
        _ => null,
    };

    private static bool IsHost(IOperation operation, DualStackSymbols symbols)
    {
        operation = OperationFlow.Unwrap(operation);
        return symbols.IsIPAddress(operation.Type)
            || (operation.Type?.SpecialType == SpecialType.System_String && operation.ConstantValue is not { HasValue: true }
                && operation.Syntax.ToString().IndexOf("host", StringComparison.OrdinalIgnoreCase) >= 0);
    }

    private static bool IsPort(IOperation operation)
    {
        operation = OperationFlow.Unwrap(operation);
        return operation.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt16
            || operation.Syntax.ToString().IndexOf("port", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    private static bool IsColon(IOperation operation) =>
        OperationFlow.Unwrap(operation).ConstantValue is { HasValue: true, Value: ':' or ":" }
        || (operation is IArrayCreationOperation { Initializer: { } initializer } && initializer.ElementValues.Any(IsColon));

    private static bool IsStringConcatenation(IBinaryOperation operation) =>
        operation.OperatorKind == BinaryOperatorKind.Add && operation.Type?.SpecialType == SpecialType.System_String;

    private static void Flatten(IOperation operation, List<IOperation> operands)
    {
        if (operation is IBinaryOperation binary && IsStringConcatenation(binary))
        {
            Flatten(OperationFlow.Unwrap(binary.LeftOperand), operands);
            Flatten(OperationFlow.Unwrap(binary.RightOperand), operands);
        }
        else
        {
            operands.Add(operation);
        }
    }
}
