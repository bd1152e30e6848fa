using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>Where a host string comes from, whether it was checked for emptiness, and where a resolved address goes.</summary>
internal static class HostSources
{
    private const int MaxDepth = 6;

    /// <summary>Whether some value of <paramref name="host"/> comes from outside the method's literals: a parameter, field, property, indexer, array element or call.</summary>
    public static bool CanBeEmpty(IOperation host) => OperationFlow.AnyOrigin(host, CanBeEmptyOrigin);

    /// <summary>Whether <paramref name="origin"/>, an origin of a host, can be the empty string: <c>""</c>, or a value from outside (a parameter, field, property, indexer, array element, call, <c>?.</c> access).</summary>
    public static bool CanBeEmptyOrigin(IOperation origin) =>
        origin.ConstantValue is { HasValue: true, Value: "" }
        || (origin.ConstantValue is not { HasValue: true } && !IsMachineName(origin)
            && origin is IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation or IInvocationOperation or ILocalReferenceOperation
                or IConditionalAccessOperation);

    // Dns.GetHostName() and Environment.MachineName name this machine: never empty.
    private static bool IsMachineName(IOperation origin) => origin switch
    {
        IInvocationOperation { TargetMethod: { Name: "GetHostName", ContainingType: { Name: "Dns" } dns } } => NamespaceName.Is(dns.ContainingNamespace, "System.Net"),
        IPropertyReferenceOperation { Property: { Name: "MachineName", ContainingType: { Name: "Environment" } environment } } => NamespaceName.Is(environment.ContainingNamespace, "System"),
        _ => false,
    };

    /// <summary>Whether an emptiness check on <paramref name="host"/> (or on what it was read from) precedes <paramref name="position"/> in the method.</summary>
    public static bool IsGuardedBefore(IOperation host, int position)
    {
        // Most bodies hold no check before the host at all: then there is nothing to match it against.
        List<IOperation> checks = Checks(host);
        if (!AnyBefore(checks, position))
        {
            return false;
        }

        var hostSymbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        AddSymbols(host, hostSymbols, 0);
        AddCopies(host, hostSymbols, position);
        var hostExpressions = new List<SyntaxNode> { OperationFlow.Unwrap(host).Syntax };
        OperationFlow.AnyOrigin(host, origin =>
        {
            hostExpressions.Add(origin.Syntax);
            return false;
        });
        var matcher = new HostMatcher(hostSymbols, hostExpressions);
        foreach (IOperation check in checks)
        {
            if (check.Syntax.SpanStart < position && IsEmptinessCheck(check, matcher))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyBefore(List<IOperation> checks, int position)
    {
        foreach (IOperation check in checks)
        {
            if (check.Syntax.SpanStart < position)
            {
                return true;
            }
        }

        return false;
    }

    // The operations of a body that can be emptiness checks, found once per body: a guard lookup then costs the
    // number of checks, not the size of the body.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BodyFacts, List<IOperation>> ChecksByBody = new();

    private static List<IOperation> Checks(IOperation operation) => ChecksByBody.GetValue(BodyFacts.Of(operation), static body =>
    {
        var checks = new List<IOperation>();
        foreach (IOperation candidate in body.Operations)
        {
            if (candidate is IInvocationOperation { TargetMethod.Name: "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "Equals" }
                or IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals }
                or IPropertyReferenceOperation { Property.Name: "Length" }
                or IIsPatternOperation)
            {
                checks.Add(candidate);
            }
        }

        return checks;
    });

    /// <summary>Whether <paramref name="value"/> is, or is taken from (an element, <c>First()</c>, <c>AddressList</c>, an endpoint's address), the result of <paramref name="source"/>.</summary>
    public static bool FlowsFrom(IOperation value, IOperation source, DualStackSymbols symbols) => Reaches(value, source, symbols, 0);

    private static bool Reaches(IOperation value, IOperation source, DualStackSymbols symbols, int depth) =>
        depth <= MaxDepth && OperationFlow.AnyOrigin(value, origin => origin switch
        {
            _ when origin == source => true,
            IAwaitOperation awaited => Reaches(OperationFlow.AwaitedValue(awaited), source, symbols, depth + 1),
            IArrayElementReferenceOperation element => Reaches(element.ArrayReference, source, symbols, depth + 1),
            IPropertyReferenceOperation { Property.Name: "AddressList", Instance: { } entry } => Reaches(entry, source, symbols, depth + 1),
            IInvocationOperation { TargetMethod.Name: "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault" or "ElementAt", Arguments.Length: >= 1 } pick
                => Reaches(pick.Instance ?? pick.Arguments[0].Value, source, symbols, depth + 1),
            IObjectCreationOperation { Arguments.Length: 2 } creation when symbols.IsIPEndPoint(creation.Type)
                => Reaches(creation.Arguments[0].Value, source, symbols, depth + 1),
            _ => false,
        });

    // _host = host; if (string.IsNullOrEmpty(_host)) ...: a check of the field the host was copied to checks the host.
    private static void AddCopies(IOperation host, HashSet<ISymbol> symbols, int position)
    {
        foreach (ISimpleAssignmentOperation copy in BodyFacts.Of(host).MemberAssignments)
        {
            if (copy.Syntax.Span.End <= position && OperationFlow.ReferencedSymbol(copy.Value) is { } source && symbols.Contains(source)
                && OperationFlow.ReferencedSymbol(copy.Target) is { } target)
            {
                symbols.Add(target);
            }
        }
    }

    private static void AddSymbols(IOperation value, HashSet<ISymbol> symbols, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        if (OperationFlow.ReferencedSymbol(value) is { } symbol && symbols.Add(symbol) && symbol is ILocalSymbol local)
        {
            var assigned = new List<IOperation>();
            OperationFlow.TryGetAssignedValues(OperationFlow.Root(value), local, assigned);
            foreach (IOperation assignedValue in assigned)
            {
                AddSymbols(assignedValue, symbols, depth + 1);
            }
        }

        switch (OperationFlow.Unwrap(value))
        {
            case IConditionalOperation { WhenFalse: not null } conditional:
                AddSymbols(conditional.WhenTrue, symbols, depth + 1);
                AddSymbols(conditional.WhenFalse, symbols, depth + 1);
                break;
            case ICoalesceOperation coalesce:
                AddSymbols(coalesce.Value, symbols, depth + 1);
                break;
            case IInvocationOperation { TargetMethod.Name: "Trim" or "TrimStart" or "TrimEnd", Instance: { } trimmed }:
                AddSymbols(trimmed, symbols, depth + 1);
                break;
            case IConditionalAccessOperation access:
                // arg?.Trim(): a check on arg checks it.
                AddSymbols(access.Operation, symbols, depth + 1);
                break;
        }
    }

    private static bool IsEmptinessCheck(IOperation operation, HostMatcher hostSymbols)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "IsNullOrEmpty" or "IsNullOrWhiteSpace", TargetMethod.ContainingType.SpecialType: SpecialType.System_String } check:
                return check.Arguments.Length == 1 && IsHost(check.Arguments[0].Value, hostSymbols);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                return (IsHost(comparison.LeftOperand, hostSymbols) && IsEmptyString(comparison.RightOperand))
                    || (IsHost(comparison.RightOperand, hostSymbols) && IsEmptyString(comparison.LeftOperand));
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } instance }:
                return instance.Type?.SpecialType == SpecialType.System_String && IsHost(instance, hostSymbols);
            case IIsPatternOperation pattern:
                return IsHost(pattern.Value, hostSymbols) && PatternTellsEmpty(pattern.Pattern);
            case IInvocationOperation { TargetMethod.Name: "Equals", TargetMethod.ContainingType.SpecialType: SpecialType.System_String } equals:
                return (equals.Instance is { } self && IsHost(self, hostSymbols) && equals.Arguments.Length >= 1 && IsEmptyString(equals.Arguments[0].Value))
                    || (equals.Arguments.Length >= 2 && IsHost(equals.Arguments[0].Value, hostSymbols) && IsEmptyString(equals.Arguments[1].Value));
            default:
                return false;
        }
    }

    // `is ""`, `is null or ""`, `is { Length: > 0 }` look at emptiness; `is "+" or "*"` only picks words, and "" passes it.
    private static bool PatternTellsEmpty(IPatternOperation pattern)
    {
        foreach (IOperation part in pattern.DescendantsAndSelf())
        {
            if ((part is IConstantPatternOperation { Value: { } constant } && IsEmptyString(constant))
                || part is IPropertySubpatternOperation { Member: IPropertyReferenceOperation { Property.Name: "Length" } })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHost(IOperation operation, HostMatcher host) =>
        (OperationFlow.ReferencedSymbol(operation) is { } symbol && host.Symbols.Contains(symbol))
        || host.Expressions.Exists(expression => OperationFlow.Unwrap(operation).Syntax.IsEquivalentTo(expression, topLevel: false));

    /// <summary>The host as checks may name it: a symbol it was read from, or the same expression written again (<c>args[0]</c>).</summary>
    private readonly struct HostMatcher
    {
        public HostMatcher(HashSet<ISymbol> symbols, List<SyntaxNode> expressions)
        {
            Symbols = symbols;
            Expressions = expressions;
        }

        public HashSet<ISymbol> Symbols { get; }

        public List<SyntaxNode> Expressions { get; }
    }

    private static bool IsEmptyString(IOperation operation) =>
        OperationFlow.Unwrap(operation).ConstantValue is { HasValue: true, Value: "" }
        || OperationFlow.Unwrap(operation) is IFieldReferenceOperation { Field.Name: "Empty", Field.ContainingType.SpecialType: SpecialType.System_String };
}
