using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0008: one address of a DNS answer picked by position — <c>Dns.GetHostAddresses(h)[0]</c>, <c>.First()</c>,
/// <c>.FirstOrDefault()</c>, <c>GetHostEntry(h).AddressList[1]</c>, <c>.Last()</c>, <c>.ElementAt(n)</c>, or the variable of a
/// <c>foreach</c> over the answer returned from inside the loop or used by a pass that always leaves it — reaching a listener, <c>Connect</c> or <c>new IPEndPoint</c>, also through fields,
/// parameters and helpers: the other addresses, often the other family, are never tried. Reported at the pick.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FirstDnsResultOnlyAnalyzer : DualStackAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public FirstDnsResultOnlyAnalyzer()
        : base(DiagnosticDescriptors.FirstDnsResultOnly)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols)
    {
        var reporter = new FlowReporter(Rule, context.Options);
        context.RegisterOperationAction(operationContext => Analyze(operationContext, symbols, reporter), OperationKind.ObjectCreation, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, DualStackSymbols symbols, FlowReporter reporter)
    {
        if (AddressSink(context.Operation, symbols) is not ({ } address, { } use))
        {
            return;
        }

        foreach (IOperation origin in ValueFlow.Origins(address, context.Compilation))
        {
            if (PickedAddress(origin, context.Operation, context.Compilation, symbols) is { } picked)
            {
                reporter.ReportAtOrigin(context.ReportDiagnostic, origin, context.Operation, context.Operation.Syntax.GetLocation(), picked, "the DNS answer", use, FlowReporter.Describe(context.Operation));
            }
        }
    }

    /// <summary>The address argument of a call that binds, listens, connects or builds an endpoint, and which of them it does.</summary>
    private static (IOperation? Address, string? Use) AddressSink(IOperation operation, DualStackSymbols symbols)
    {
        (System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string? use) = operation switch
        {
            IObjectCreationOperation creation when symbols.IsIPEndPoint(creation.Type) => (creation.Arguments, "build an endpoint"),
            IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpListener) => (creation.Arguments, "listen"),
            IInvocationOperation { TargetMethod.Name: "Connect" or "ConnectAsync" or "BeginConnect" } connect
                when symbols.IsSocket(connect.TargetMethod.ContainingType)
                    || SymbolEqualityComparer.Default.Equals(connect.TargetMethod.ContainingType, symbols.TcpClient)
                    || SymbolEqualityComparer.Default.Equals(connect.TargetMethod.ContainingType, symbols.UdpClient) => (connect.Arguments, "connect"),
            _ => (default, null),
        };
        if (use is null)
        {
            return (null, null);
        }

        foreach (IArgumentOperation argument in arguments)
        {
            if (symbols.IsIPAddress(argument.Parameter?.Type))
            {
                return (argument.Value, use);
            }
        }

        return (null, null);
    }

    // Which one address of an answer origin picks by position, as the message names it; null when it picks none. A
    // position is no choice of family: AddressList[1], taken because [0] was IPv6 on the author's machine, is whatever
    // the resolver put second on this one.
    private static string? PickedAddress(IOperation origin, IOperation sink, Compilation compilation, DualStackSymbols symbols) => origin switch
    {
        IArrayElementReferenceOperation { Indices.Length: 1 } element when element.Indices[0].ConstantValue is { HasValue: true, Value: int index }
            && IsDnsAnswer(element.ArrayReference, compilation, symbols)
            => Position(index),
        IInvocationOperation { TargetMethod.Name: "First" or "FirstOrDefault" or "Last" or "LastOrDefault", Arguments.Length: 1 } pick
            when DualStackSymbols.IsEnumerable(pick.TargetMethod.ContainingType) && IsDnsAnswer(pick.Arguments[0].Value, compilation, symbols)
            => pick.TargetMethod.Name.StartsWith("First", System.StringComparison.Ordinal) ? Position(0) : "the last address",
        IInvocationOperation { TargetMethod.Name: "ElementAt" or "ElementAtOrDefault", Arguments.Length: 2 } pick
            when DualStackSymbols.IsEnumerable(pick.TargetMethod.ContainingType) && pick.Arguments[1].Value.ConstantValue is { HasValue: true, Value: int index }
                && IsDnsAnswer(pick.Arguments[0].Value, compilation, symbols)
            => Position(index),
        // First(a => a.AddressFamily == InterNetwork || a.AddressFamily == InterNetworkV6): a condition that chooses no family.
        IInvocationOperation { TargetMethod.Name: "First" or "FirstOrDefault", Arguments.Length: 2 } filtered
            when DualStackSymbols.IsEnumerable(filtered.TargetMethod.ContainingType) && PredicateCondition(filtered.Arguments[1].Value) is { } condition
                && LetsBothFamiliesThrough(condition) && IsDnsAnswer(filtered.Arguments[0].Value, compilation, symbols)
            => Position(0),
        // The loop variable reaching a sink outside its loop was returned or kept from one iteration: the first that matched.
        IForEachLoopOperation loop when (!(loop.Syntax.SyntaxTree == sink.Syntax.SyntaxTree && loop.Syntax.Span.Contains(sink.Syntax.Span)) || IsReturned(sink) || EndsAfterFirstPass(loop))
            && !PicksByFamily(loop) && IsDnsAnswer(loop.Collection, compilation, symbols)
            => Position(0),
        _ => null,
    };

    private static string Position(int index) => index == 0 ? "the first address" : "the address at index " + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // return new IPEndPoint(candidate, 53) inside the loop: the endpoint of the first answer that matched leaves the loop.
    private static bool IsReturned(IOperation sink)
    {
        IOperation value = sink;
        while (value.Parent is IConversionOperation)
        {
            value = value.Parent;
        }

        return sink is IObjectCreationOperation && value.Parent is IReturnOperation;
    }

    // foreach (...) { socket.Connect(address, port); break; }: a pass that always leaves the loop tries one answer. A
    // continue before the exit (a failed connect skipped) makes it wait for an answer that worked.
    private static bool EndsAfterFirstPass(IForEachLoopOperation loop)
    {
        if (loop.Body is not IBlockOperation body)
        {
            return false;
        }

        foreach (IOperation statement in body.Operations)
        {
            if (statement.Kind is OperationKind.Return or OperationKind.YieldBreak
                || statement is IBranchOperation { BranchKind: BranchKind.Break } exit && SymbolEqualityComparer.Default.Equals(exit.Target, loop.ExitLabel))
            {
                return true;
            }

            if (statement.DescendantsAndSelf().Any(operation => operation is IBranchOperation { BranchKind: BranchKind.Continue } next
                && SymbolEqualityComparer.Default.Equals(next.Target, loop.ContinueLabel)))
            {
                return false;
            }
        }

        return false;
    }

    // foreach (var address in answers) if (address.AddressFamily == family) return address;: the loop form of
    // First(a => a.AddressFamily == family), a family chosen on purpose. A test that lets both families through
    // (is InterNetwork or InterNetworkV6) chooses none.
    private static bool PicksByFamily(IForEachLoopOperation loop)
    {
        foreach (IOperation operation in loop.Body.DescendantsAndSelf())
        {
            if (operation is IConditionalOperation conditional && ChoosesOneFamily(conditional.Condition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ChoosesOneFamily(IOperation condition)
    {
        if (LetsBothFamiliesThrough(condition))
        {
            return false;
        }

        foreach (IOperation test in condition.DescendantsAndSelf())
        {
            switch (test)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when IsFamilyRead(comparison.LeftOperand) || IsFamilyRead(comparison.RightOperand):
                    return true;
                case IIsPatternOperation { Pattern: IConstantPatternOperation or INegatedPatternOperation { Pattern: IConstantPatternOperation } } pattern
                    when IsFamilyRead(pattern.Value):
                    return true;
            }
        }

        return false;
    }

    // a.AddressFamily == InterNetwork || a.AddressFamily == InterNetworkV6, or a.AddressFamily is InterNetwork or InterNetworkV6.
    private static bool LetsBothFamiliesThrough(IOperation condition) => OperationFlow.Unwrap(condition) switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either => IsFamilyEquality(either.LeftOperand) && IsFamilyEquality(either.RightOperand)
            && FamilyConstant(either.LeftOperand) is { } left && FamilyConstant(either.RightOperand) is { } right && !Equals(left, right),
        IIsPatternOperation { Pattern: IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } } pattern => IsFamilyRead(pattern.Value),
        _ => false,
    };

    private static bool IsFamilyEquality(IOperation operation) =>
        OperationFlow.Unwrap(operation) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } comparison && (IsFamilyRead(comparison.LeftOperand) || IsFamilyRead(comparison.RightOperand));

    private static object? FamilyConstant(IOperation equality)
    {
        var comparison = (IBinaryOperation)OperationFlow.Unwrap(equality);
        return (IsFamilyRead(comparison.LeftOperand) ? comparison.RightOperand : comparison.LeftOperand).ConstantValue is { HasValue: true, Value: { } value } ? value : null;
    }

    // The condition of a one-expression lambda (a => test, or a => { return test; }).
    private static IOperation? PredicateCondition(IOperation predicate) =>
        OperationFlow.Unwrap(predicate) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Body.Operations: { Length: 1 } statements } }
        && statements[0] is IReturnOperation { ReturnedValue: { } condition } ? condition : null;

    private static bool IsFamilyRead(IOperation operation) => OperationFlow.Unwrap(operation) is IPropertyReferenceOperation { Property.Name: "AddressFamily" };

    private static bool IsDnsAnswer(IOperation addresses, Compilation compilation, DualStackSymbols symbols) =>
        ValueFlow.AnyOrigin(addresses, compilation, origin => IsLookup(OperationFlow.AwaitedOrSelf(origin), compilation, symbols));

    // An answer asked for in one family (Dns.GetHostAddresses(host, AddressFamily.InterNetwork), also through
    // GetHostEntry(host, family).AddressList) holds that family alone, on purpose: its first address is as good as any.
    private static bool IsLookup(IOperation origin, Compilation compilation, DualStackSymbols symbols) => origin switch
    {
        IInvocationOperation { TargetMethod.Name: "GetHostAddresses" or "GetHostAddressesAsync" } lookup =>
            SymbolEqualityComparer.Default.Equals(lookup.TargetMethod.ContainingType, symbols.Dns) && !AsksForOneFamily(lookup, symbols),
        IPropertyReferenceOperation { Property.Name: "AddressList" } list => SymbolEqualityComparer.Default.Equals(list.Property.ContainingType, symbols.IPHostEntry)
            && !(list.Instance is { } entry && ValueFlow.Origins(entry, compilation) is { Count: > 0 } entries
                && entries.TrueForAll(answer => OperationFlow.AwaitedOrSelf(answer) is IInvocationOperation { TargetMethod.Name: "GetHostEntry" or "GetHostEntryAsync" } lookup && AsksForOneFamily(lookup, symbols))),
        _ => false,
    };

    private static bool AsksForOneFamily(IInvocationOperation lookup, DualStackSymbols symbols) =>
        lookup.TargetMethod.Parameters.Any(parameter => SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.AddressFamily));
}
