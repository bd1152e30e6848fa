using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>The ':' that joins and splits endpoint text, as code spells it: a char, a string, or a separator array holding one.</summary>
internal static class ColonText
{
    /// <summary>Whether <paramref name="operation"/> is ':' or ":", or an array (a <c>Split</c> separator list) holding one.</summary>
    public static bool IsColon(IOperation operation) =>
        OperationFlow.Unwrap(operation).ConstantValue is { HasValue: true, Value: ':' or ":" }
        || (operation is IArrayCreationOperation { Initializer: { } initializer } && initializer.ElementValues.Any(IsColon));

    /// <summary>Whether <paramref name="operation"/> is <c>string.Split</c> with ':' among its separators.</summary>
    public static bool IsColonSplit(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod: { Name: "Split", ContainingType.SpecialType: SpecialType.System_String } } split
        && split.Arguments.Any(argument => IsColon(argument.Value));
}
