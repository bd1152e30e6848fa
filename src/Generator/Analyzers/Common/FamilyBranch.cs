using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Code on one arm of a choice made by address family or by what the OS supports (<c>family == InterNetwork ? Any :
/// IPv6Any</c>, <c>SupportsDualStack ? IPv6Any : Any</c>, <c>if (address.AddressFamily == InterNetworkV6)</c>): the other
/// family is handled on the other arm, so an IPv4-only value there is a decision, not an oversight.
/// </summary>
internal static class FamilyBranch
{
    /// <summary>Whether <paramref name="operation"/> is inside an arm (not the condition) of an <c>if</c>, <c>?:</c> or switch that looks at a family or capability.</summary>
    public static bool IsInFamilyCheckedArm(IOperation operation)
    {
        IOperation child = operation;
        for (IOperation? parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when child != conditional.Condition && ChecksFamily(conditional.Condition):
                    return true;
                case ISwitchExpressionOperation switchExpression when child != switchExpression.Value && ChecksFamily(switchExpression.Value):
                    return true;
                case ISwitchOperation switchStatement when child != switchStatement.Value && ChecksFamily(switchStatement.Value):
                    return true;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    public static bool ChecksFamily(IOperation condition)
    {
        foreach (IOperation check in condition.DescendantsAndSelf())
        {
            ISymbol? member = check switch
            {
                IPropertyReferenceOperation property => property.Property,
                IFieldReferenceOperation field => field.Field,
                IInvocationOperation invocation => invocation.TargetMethod,
                _ => null,
            };
            if (member is null)
            {
                continue;
            }

            if (member.Name is "AddressFamily" or "IsIPv4MappedToIPv6" or "OSSupportsIPv6" or "OSSupportsIPv4"
                || (check.Type?.Name == "AddressFamily" && check is not IInvocationOperation)
                || member.Name.IndexOf("DualStack", StringComparison.OrdinalIgnoreCase) >= 0
                || member.Name.IndexOf("DualMode", StringComparison.OrdinalIgnoreCase) >= 0
                || member.Name.IndexOf("IPv6", StringComparison.OrdinalIgnoreCase) >= 0
                || member.Name.IndexOf("IPv4", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
