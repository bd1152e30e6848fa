using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Data flow inside one method body, kept deliberately small: a value is followed through conversions, conditional
/// and coalesce branches, and locals (every assignment of the local in the body). Anything else is an origin.
/// </summary>
internal static class OperationFlow
{
    private const int MaxDepth = 8;

    /// <summary>Whether <paramref name="operation"/> has at least one origin and every origin satisfies <paramref name="predicate"/>.</summary>
    public static bool AllOrigins(IOperation? operation, Func<IOperation, bool> predicate)
    {
        if (operation is null)
        {
            return false;
        }

        var origins = new List<IOperation>();
        if (!TryCollectOrigins(operation, origins, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), 0))
        {
            return false;
        }

        return origins.Count > 0 && origins.TrueForAll(origin => predicate(origin));
    }

    /// <summary>Whether some origin of <paramref name="operation"/> satisfies <paramref name="predicate"/>.</summary>
    public static bool AnyOrigin(IOperation? operation, Func<IOperation, bool> predicate)
    {
        if (operation is null)
        {
            return false;
        }

        var origins = new List<IOperation>();
        TryCollectOrigins(operation, origins, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), 0);
        return origins.Exists(origin => predicate(origin));
    }

    /// <summary>Strips implicit and explicit conversions (casts, <c>as</c>, boxing) and null-forgiving wrappers.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>What <paramref name="origin"/> awaits, when it is an await; otherwise the origin itself.</summary>
    public static IOperation AwaitedOrSelf(IOperation origin) => origin is IAwaitOperation awaited ? AwaitedValue(awaited) : origin;

    /// <summary>
    /// What <paramref name="awaited"/> waits for, through <c>ConfigureAwait(...)</c>: <c>await Dns.GetHostAddressesAsync(h).ConfigureAwait(false)</c>
    /// is the lookup's answer, as library code writes nearly every await.
    /// </summary>
    public static IOperation AwaitedValue(IAwaitOperation awaited)
    {
        IOperation value = Unwrap(awaited.Operation);
        while (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task })
        {
            value = Unwrap(task);
        }

        return value;
    }

    /// <summary>The outermost operation of the body <paramref name="operation"/> is in (the method, accessor or initializer).</summary>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>The symbol a simple reference names: a local, parameter, field or property without arguments.</summary>
    public static ISymbol? ReferencedSymbol(IOperation? operation) => operation is null ? null : Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
        _ => null,
    };

    /// <summary>The values assigned to <paramref name="local"/> in <paramref name="root"/>; <see langword="false"/> when one cannot be followed (ref, out, deconstruction).</summary>
    public static bool TryGetAssignedValues(IOperation root, ILocalSymbol local, List<IOperation> values)
    {
        BodyFacts facts = BodyFacts.Of(root);
        bool tracked = facts.TryGetAssignedValues(local, out IReadOnlyList<IOperation> assigned);
        values.AddRange(assigned);
        return tracked && facts.LoopOf(local) is null;
    }

    /// <summary>Whether some operation in <paramref name="root"/> starting before <paramref name="before"/> satisfies <paramref name="predicate"/>.</summary>
    public static bool AnyBefore(IOperation root, int before, Func<IOperation, bool> predicate)
    {
        foreach (IOperation descendant in root.DescendantsAndSelf())
        {
            if (descendant.Syntax.SpanStart < before && predicate(descendant))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryCollectOrigins(IOperation operation, List<IOperation> origins, HashSet<ILocalSymbol> expandedLocals, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        operation = Unwrap(operation);
        switch (operation)
        {
            case IConditionalOperation { WhenFalse: not null } conditional:
                return TryCollectOrigins(conditional.WhenTrue, origins, expandedLocals, depth + 1) && TryCollectOrigins(conditional.WhenFalse, origins, expandedLocals, depth + 1);
            case ICoalesceOperation coalesce:
                return TryCollectOrigins(coalesce.Value, origins, expandedLocals, depth + 1) && TryCollectOrigins(coalesce.WhenNull, origins, expandedLocals, depth + 1);
            case ISwitchExpressionOperation switchExpression:
                foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                {
                    if (!TryCollectOrigins(arm.Value, origins, expandedLocals, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case ISimpleAssignmentOperation chained:
                // var socket = _socket = new Socket(...): the value of an assignment is what it assigns.
                return TryCollectOrigins(chained.Value, origins, expandedLocals, depth + 1);
            case ILocalReferenceOperation { Local.IsConst: false } localReference:
                // A local met again (a = Normalize(a)) adds nothing new: its assignments are already being collected.
                // Without this, every assignment that reads the local rescans the body again, exponentially.
                if (!expandedLocals.Add(localReference.Local))
                {
                    return true;
                }

                var values = new List<IOperation>();
                if (!TryGetAssignedValues(operation, localReference.Local, values) || values.Count == 0)
                {
                    return false;
                }

                foreach (IOperation value in values)
                {
                    if (value is IArgumentOperation)
                    {
                        origins.Add(value);
                    }
                    else if (!TryCollectOrigins(value, origins, expandedLocals, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                origins.Add(operation);
                return true;
        }
    }
}
