using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0004: an address a socket reported (<c>RemoteEndPoint</c>, <c>LocalEndPoint</c>, a receive result) — also through
/// a request object's property and a parameter — compared with an address that is not known to be IPv6 (a literal, a
/// configured or constructed address), checked against <c>AddressFamily.InterNetwork</c>, used as a collection key (an
/// allow/deny list), read as four IPv4 bytes, or compared and looked up as text (<c>ToString() == "127.0.0.1"</c>), with
/// no unwrapping of the IPv4-mapped form on the way. Silent inside a branch that already checked the family, after an
/// early return on it, or right of a family test in <c>&amp;&amp;</c>. The runtime's endpoints (DualStackGen.*) are
/// already normalized, so they are never sources.
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
        if (comparison.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
            || !(MayHoldAddress(comparison.LeftOperand, symbols) || MayHoldAddress(comparison.RightOperand, symbols)))
        {
            return;
        }

        ReportComparison(context, comparison.LeftOperand, comparison.RightOperand, symbols, sources);
        ReportComparison(context, comparison.RightOperand, comparison.LeftOperand, symbols, sources);
        ReportTextComparison(context, comparison.LeftOperand, comparison.RightOperand, sources);
        ReportTextComparison(context, comparison.RightOperand, comparison.LeftOperand, sources);
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

    // Every comparison of the compilation comes here: only an address, its family or text can be one this rule reports.
    private static bool MayHoldAddress(IOperation operand, DualStackSymbols symbols) => OperationFlow.Unwrap(operand).Type is { } type
        && (type.SpecialType == SpecialType.System_String || symbols.IsIPAddress(type) || SymbolEqualityComparer.Default.Equals(type, symbols.AddressFamily));

    private void AnalyzeInvocation(OperationAnalysisContext context, DualStackSymbols symbols, SocketAddressSources sources)
    {
        var invocation = (IInvocationOperation)context.Operation;

        // Every call of the compilation comes here: the method's name, read once, turns nearly all of them away.
        switch (invocation.TargetMethod.Name)
        {
            case "Equals" or "GetAddressBytes" or "Replace" or "Split" or "StartsWith" or "Contains"
                or "Add" or "TryAdd" or "ContainsKey" or "TryGetValue" or "Remove" or "GetOrAdd" or "AddOrUpdate" or "GetValueOrDefault":
                break;
            default:
                return;
        }
        if (invocation.TargetMethod.Name == "Equals" && invocation.Instance is { } instance && invocation.Arguments.Length is 1 or 2)
        {
            ReportComparison(context, instance, invocation.Arguments[0].Value, symbols, sources);
            ReportComparison(context, invocation.Arguments[0].Value, instance, symbols, sources);
            ReportTextComparison(context, instance, invocation.Arguments[0].Value, sources);
            ReportTextComparison(context, invocation.Arguments[0].Value, instance, sources);
            return;
        }

        // string.Equals(remoteText, configured, StringComparison.Ordinal)
        if (invocation.TargetMethod is { Name: "Equals", IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } && invocation.Arguments.Length >= 2)
        {
            ReportTextComparison(context, invocation.Arguments[0].Value, invocation.Arguments[1].Value, sources);
            ReportTextComparison(context, invocation.Arguments[1].Value, invocation.Arguments[0].Value, sources);
            return;
        }

        if (invocation.TargetMethod.Name == "GetAddressBytes" && invocation.Instance is { } bytesOf && ReadsIPv4Octets(invocation)
            && !InFamilyCheckedBranch(invocation) && sources.IsSocketAddress(bytesOf) && !AfterFamilyGuard(invocation))
        {
            Report(context, bytesOf, "reading it as four IPv4 bytes");
            return;
        }

        // address.ToString().Replace('.', ','), text.StartsWith("192.168."): the text read as a dotted IPv4 address (an FTP
        // PASV reply, a private-range check).
        if (invocation.TargetMethod is { Name: "Replace" or "Split" or "StartsWith", ContainingType.SpecialType: SpecialType.System_String } && invocation.Instance is { } dotted
            && invocation.Arguments.Length >= 1 && IsDottedQuadText(OperationFlow.Unwrap(invocation.Arguments[0].Value).ConstantValue)
            && !InFamilyCheckedBranch(invocation) && sources.IsSocketAddressText(dotted) && !AfterFamilyGuard(invocation))
        {
            Report(context, dotted, "reading its text as a dotted IPv4 address");
            return;
        }

        // network.Contains(remote): an IPNetwork holds addresses of its own family only, so a mapped peer is never in an IPv4 network.
        if (invocation.TargetMethod is { Name: "Contains", ContainingType.Name: "IPNetwork" } && invocation.Arguments.Length == 1 && invocation.Instance is { } network
            && symbols.IsIPAddress(OperationFlow.Unwrap(invocation.Arguments[0].Value).Type) && !AllOrigins(network, context.Compilation, IsIPv6Network)
            && !InFamilyCheckedBranch(invocation) && sources.IsSocketAddress(invocation.Arguments[0].Value) && !AfterFamilyGuard(invocation))
        {
            Report(context, invocation.Arguments[0].Value, "looking it up in a network of IPv4 addresses");
            return;
        }

        // Enumerable.Contains(allowed, remote): an allow list held in an array or a sequence. From C# 14 on,
        // allowed.Contains(remote) of an array binds to MemoryExtensions.Contains over the array as a span.
        if (invocation.TargetMethod is { Name: "Contains", IsStatic: true } && invocation.Arguments.Length == 2
            && (DualStackSymbols.IsEnumerable(invocation.TargetMethod.ContainingType) || IsSpanContains(invocation.TargetMethod)))
        {
            ReportKey(context, invocation.Arguments[1].Value, symbols, sources, lookup: true);
            return;
        }

        if (invocation.TargetMethod.Name is "Add" or "TryAdd" or "ContainsKey" or "TryGetValue" or "Contains" or "Remove" or "GetOrAdd" or "AddOrUpdate" or "GetValueOrDefault" && DualStackSymbols.IsKeyedCollection(invocation.TargetMethod.ContainingType))
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                // The key (TKey, also an extension's, or a set's or list's T): a dictionary's value (TValue) is stored, never compared.
                if (argument.Parameter?.OriginalDefinition.Type is ITypeParameterSymbol { Ordinal: 0 })
                {
                    ReportKey(context, argument.Value, symbols, sources, lookup: invocation.TargetMethod.Name is "ContainsKey" or "TryGetValue" or "Contains" or "Remove" or "GetValueOrDefault");
                }
            }
        }
    }

    private static bool IsSpanContains(IMethodSymbol method) =>
        method.ContainingType is { Name: "MemoryExtensions" } extensions && NamespaceName.Is(extensions.ContainingNamespace, "System");

    private void AnalyzeIndexer(OperationAnalysisContext context, DualStackSymbols symbols, SocketAddressSources sources)
    {
        var indexer = (IPropertyReferenceOperation)context.Operation;

        // Every property read of the compilation comes here: its arguments, which only an indexer has, are checked first.
        if (indexer.Arguments.Length == 1 && indexer.Property.IsIndexer && DualStackSymbols.IsKeyedCollection(indexer.Property.ContainingType))
        {
            ReportKey(context, indexer.Arguments[0].Value, symbols, sources, lookup: false);
        }
    }

    private void ReportComparison(OperationAnalysisContext context, IOperation candidate, IOperation other, DualStackSymbols symbols, SocketAddressSources sources)
    {
        if (OperationFlow.Unwrap(candidate) is IPropertyReferenceOperation { Property.Name: "AddressFamily", Instance: { } owner } && symbols.IsInterNetwork(other))
        {
            ReportFamilyCheck(context, owner, sources);
            return;
        }

        if (symbols.IsIPAddress(OperationFlow.Unwrap(candidate).Type) && symbols.IsIPAddress(OperationFlow.Unwrap(other).Type) && !InFamilyCheckedBranch(candidate)
            && sources.IsSocketAddress(candidate) && MayBePlainIPv4(other, context.Compilation, symbols, sources) && !AfterFamilyGuard(candidate))
        {
            Report(context, candidate, "comparing it with an IPv4 address");
        }
    }

    // The other side of a comparison is an IPv4 address unless it is known to be IPv6, is null, or is itself an address a
    // socket reported, of whichever socket (two peers compare alike, in whatever form their sockets give them): a configured, parsed or constructed address
    // (IPAddress.Parse(setting), new IPAddress(octets), a field holding either) is the plain IPv4 form.
    private static bool MayBePlainIPv4(IOperation other, Compilation compilation, DualStackSymbols symbols, SocketAddressSources sources)
    {
        IOperation value = OperationFlow.Unwrap(other);
        if (value.ConstantValue is { HasValue: true, Value: null } || IsPlaceholder(value, symbols))
        {
            return false;
        }

        return symbols.IsIPv4Address(other)
            || (!AllOrigins(other, compilation, IsIPv6Address) && !sources.IsSocketAddress(other, anyFamily: true));
    }

    // IPAddress.None (Broadcast, the same 255.255.255.255) stands for "no address": no socket is bound to it and no peer has
    // it, so a comparison with it means the same whichever form the address is in (trial Y, an IRC server's
    // ip.Equals(IPAddress.None)). IPAddress.Any is not one: a dual-mode socket's own address is [::], not 0.0.0.0.
    private static bool IsPlaceholder(IOperation value, DualStackSymbols symbols) =>
        value is IFieldReferenceOperation { Field.Name: "None" or "Broadcast" } field && symbols.IsIPAddress(field.Field.ContainingType);

    // Every value across the compilation (a static readonly field's initializer, a helper's return) satisfies the predicate.
    private static bool AllOrigins(IOperation value, Compilation compilation, System.Func<IOperation, bool> predicate)
    {
        System.Collections.Generic.List<IOperation> origins = ValueFlow.Origins(value, compilation);
        return origins.Count > 0 && origins.TrueForAll(origin => predicate(origin));
    }

    private static bool IsIPv6Address(IOperation origin) => origin switch
    {
        IFieldReferenceOperation { Field.Name: "IPv6Any" or "IPv6Loopback" or "IPv6None" } field => field.Field.ContainingType?.Name == "IPAddress",
        IInvocationOperation { TargetMethod.Name: "Parse", Arguments.Length: 1 } parse => parse.TargetMethod.ContainingType?.Name == "IPAddress"
            && parse.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string literal } && literal.IndexOf(':') >= 0,
        _ => false,
    };

    // remote.Address.ToString() == "127.0.0.1": the text of a mapped address is "::ffff:127.0.0.1". A literal that is not
    // IPv4 text ("::1", "", a command) compares correctly, as does the text of another socket-reported address.
    private void ReportTextComparison(OperationAnalysisContext context, IOperation candidate, IOperation other, SocketAddressSources sources)
    {
        // A literal decides cheaply, before any flow is followed: most string comparisons are with a command or a name.
        IOperation value = OperationFlow.Unwrap(other);
        if (value.Type?.SpecialType != SpecialType.System_String
            || (value.ConstantValue.HasValue && !(value.ConstantValue.Value is string literal && IsIPv4Literal(literal)))
            || OperationFlow.Unwrap(candidate).ConstantValue.HasValue
            || ComparedWithAHostWord(candidate)
            || InFamilyCheckedBranch(candidate) || !sources.IsSocketAddressText(candidate) || sources.IsSocketAddressText(other, anyFamily: true) || AfterFamilyGuard(candidate))
        {
            return;
        }

        Report(context, candidate, "comparing its text with an IPv4 address");
    }

    // host == "*" || host == "0.0.0.0": text that the same condition also compares with a word no address is written as
    // ("*", "+", "localhost", "any"; not "", which a check for a missing value compares with) is a configured host being
    // mapped, not a peer's address; the mapping is DSG0001's and DSG0008's to judge. Decided from the condition alone,
    // before any flow across the compilation.
    private static bool ComparedWithAHostWord(IOperation candidate)
    {
        ISymbol? compared = OperationFlow.ReferencedSymbol(OperationFlow.Unwrap(candidate));
        if (compared is null)
        {
            return false;
        }

        IOperation condition = candidate;
        while (condition.Parent is IBinaryOperation or IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } or IConversionOperation)
        {
            condition = condition.Parent;
        }

        // Found once per condition: a chain of comparisons asks for each of its comparisons.
        return HostWordNamesByBody.GetValue(BodyFacts.Of(condition), static _ => new ConcurrentDictionary<(int, int), System.Collections.Generic.HashSet<string>>())
            .GetOrAdd((condition.Syntax.SpanStart, condition.Syntax.Span.Length), _ => HostWordNames(condition))
            .Contains(SymbolKey(compared));
    }

    // A symbol as text, so that no symbol outlives its compilation in the cache: its kind, its container and its name
    // tell apart the values one condition can compare (a local and a field of the same name).
    // Concatenated, not formatted: an enum in an interpolation is boxed and formatted by name, once per comparison.
    private static string SymbolKey(ISymbol symbol) => ((int)symbol.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + symbol.ContainingSymbol?.Name + "." + symbol.Name;

    // Per body (its facts live as long as its operation tree), per condition by span: the values the condition compares
    // with a host word.
    private static readonly ConditionalWeakTable<BodyFacts, ConcurrentDictionary<(int, int), System.Collections.Generic.HashSet<string>>> HostWordNamesByBody = new();

    private static System.Collections.Generic.HashSet<string> HostWordNames(IOperation condition)
    {
        var names = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        foreach (IOperation side in HostWordComparisons(condition))
        {
            if (OperationFlow.ReferencedSymbol(side) is { } symbol)
            {
                names.Add(SymbolKey(symbol));
            }
        }

        return names;
    }

    // The operands a condition compares with a host word: a non-empty literal that is not an address.
    private static System.Collections.Generic.IEnumerable<IOperation> HostWordComparisons(IOperation condition)
    {
        foreach (IOperation operation in condition.DescendantsAndSelf())
        {
            if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison)
            {
                if (IsHostWord(comparison.RightOperand))
                {
                    yield return OperationFlow.Unwrap(comparison.LeftOperand);
                }

                if (IsHostWord(comparison.LeftOperand))
                {
                    yield return OperationFlow.Unwrap(comparison.RightOperand);
                }
            }
        }
    }

    private static bool IsHostWord(IOperation word) =>
        OperationFlow.Unwrap(word).ConstantValue is { HasValue: true, Value: string { Length: > 0 } text } && !System.Net.IPAddress.TryParse(text, out _);

    // '.', "." or the dotted start of an IPv4 address ("10.", "192.168.").
    private static bool IsDottedQuadText(Optional<object?> constant) => constant.HasValue && constant.Value switch
    {
        '.' => true,
        string text => text.Length > 0 && text.IndexOf('.') >= 0 && text.All(c => c == '.' || c is >= '0' and <= '9'),
        _ => false,
    };

    private static bool IsIPv6Network(IOperation origin) =>
        origin is IInvocationOperation { TargetMethod.Name: "Parse" or "TryParse", Arguments.Length: >= 1 } parse && parse.TargetMethod.ContainingType.Name == "IPNetwork"
        && parse.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string literal } && literal.IndexOf(':') >= 0;

    private static bool IsIPv4Literal(string text) =>
        text.IndexOf('.') > 0 && System.Net.IPAddress.TryParse(text, out System.Net.IPAddress? parsed) && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;

    private void Report(OperationAnalysisContext context, IOperation candidate, string use)
    {
        SyntaxNode syntax = OperationFlow.Unwrap(candidate).Syntax;
        context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), syntax.ToString(), use));
    }

    // bytes.Length == 4, bytes[0] == 10: the bytes read as an IPv4 address, which a mapped address (16 bytes) is not.
    private static bool ReadsIPv4Octets(IInvocationOperation getBytes)
    {
        IOperation value = getBytes;
        while (value.Parent is IConversionOperation)
        {
            value = value.Parent;
        }

        if (IsOctetRead(value))
        {
            return true;
        }

        ILocalSymbol? local = value.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
        if (local is null)
        {
            return false;
        }

        foreach (ILocalReferenceOperation read in BodyFacts.Of(getBytes).ReadsOf(local))
        {
            if (IsOctetRead(read))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOctetRead(IOperation bytes) => bytes.Parent switch
    {
        IArrayElementReferenceOperation { Indices.Length: 1 } element => element.Indices[0].ConstantValue is { HasValue: true, Value: int index } && index < 4,
        IPropertyReferenceOperation { Property.Name: "Length" } length => length.Parent is IBinaryOperation comparison
            && (comparison.LeftOperand.ConstantValue is { HasValue: true, Value: 4 } || comparison.RightOperand.ConstantValue is { HasValue: true, Value: 4 }),
        _ => false,
    };

    // if (remote.Address.IsIPv4MappedToIPv6) { return ...; } earlier in an enclosing block, or a family test left of &&: past it, the family is known.
    private static bool AfterFamilyGuard(IOperation operation)
    {
        IOperation child = operation;
        for (IOperation? parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            // address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 10: the left side chose the family.
            if (parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } logical && child == logical.RightOperand && IsFamilyTest(logical.LeftOperand))
            {
                return true;
            }

            if (parent is IBlockOperation block && FirstFamilyGuard(block) < child.Syntax.SpanStart)
            {
                return true;
            }
        }

        return false;
    }

    // Where the block's first `if` on the family that leaves the block starts; found once per block, so a long method of
    // comparisons costs one walk of its statements, not one per comparison.
    private static int FirstFamilyGuard(IBlockOperation block) =>
        GuardsByBody.GetValue(BodyFacts.Of(block), static _ => new ConcurrentDictionary<(int, int), int>())
            .GetOrAdd((block.Syntax.SpanStart, block.Syntax.Span.Length), _ =>
            {
                foreach (IOperation statement in block.Operations)
                {
                    if (statement is IConditionalOperation guard && FamilyBranch.ChecksFamily(guard.Condition) && (Exits(guard.WhenTrue) || Exits(guard.WhenFalse)))
                    {
                        return statement.Syntax.SpanStart;
                    }
                }

                return int.MaxValue;
            });

    // Per body (its facts live as long as its operation tree), per block by span.
    private static readonly ConditionalWeakTable<BodyFacts, ConcurrentDictionary<(int, int), int>> GuardsByBody = new();

    // a.AddressFamily == AddressFamily.InterNetwork || a.IsIPv4MappedToIPv6: the mapped form is handled by the same condition.
    private static bool AlsoTestsMapped(IOperation check)
    {
        IOperation condition = check;
        while (condition.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.ConditionalAnd } or IConversionOperation or IUnaryOperation { OperatorKind: UnaryOperatorKind.Not })
        {
            condition = condition.Parent;
        }

        // An explicit a.IsIPv4MappedToIPv6, not the { IsIPv4MappedToIPv6: true } pattern of a normalization written beside the check.
        return condition != check && condition.DescendantsAndSelf().Any(operation =>
            operation is IPropertyReferenceOperation { Property.Name: "IsIPv4MappedToIPv6", Instance: not (null or IInstanceReferenceOperation) });
    }

    // A test of the family itself (a.AddressFamily == InterNetwork, a.IsIPv4MappedToIPv6, a is { AddressFamily: ... }),
    // not a comparison that merely contains a normalization.
    private static bool IsFamilyTest(IOperation test) => OperationFlow.Unwrap(test) switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both => IsFamilyTest(both.LeftOperand) || IsFamilyTest(both.RightOperand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison => IsFamilyProperty(comparison.LeftOperand) || IsFamilyProperty(comparison.RightOperand),
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => IsFamilyTest(not.Operand),
        IIsPatternOperation pattern => IsFamilyProperty(pattern.Value) || pattern.Pattern is IRecursivePatternOperation { PropertySubpatterns.Length: > 0 },
        var other => IsFamilyProperty(other),
    };

    private static bool IsFamilyProperty(IOperation operation) =>
        OperationFlow.Unwrap(operation) is IPropertyReferenceOperation { Property.Name: "AddressFamily" or "IsIPv4MappedToIPv6" };

    private static bool Exits(IOperation? statement) => statement switch
    {
        IReturnOperation or IBranchOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations.Length: > 0 } block => Exits(block.Operations[block.Operations.Length - 1]),
        _ => false,
    };

    private void ReportFamilyCheck(OperationAnalysisContext context, IOperation familyOwner, SocketAddressSources sources)
    {
        if (OperationFlow.Unwrap(familyOwner) is IPropertyReferenceOperation { Property.Name: "AddressFamily", Instance: { } owner })
        {
            familyOwner = owner;
        }

        familyOwner = OperationFlow.Unwrap(familyOwner);
        if (!InFamilyCheckedBranch(familyOwner) && !AlsoTestsMapped(context.Operation) && (sources.IsSocketAddress(familyOwner) || sources.IsSocketEndPoint(familyOwner)) && !AfterFamilyGuard(familyOwner))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, familyOwner.Syntax.GetLocation(), familyOwner.Syntax.ToString(), "checking it against AddressFamily.InterNetwork"));
        }
    }

    // The address as a key; its text only when looked up (an allow list of configured strings), not when it names a
    // table entry the server itself writes.
    private void ReportKey(OperationAnalysisContext context, IOperation key, DualStackSymbols symbols, SocketAddressSources sources, bool lookup)
    {
        if (symbols.IsIPAddress(OperationFlow.Unwrap(key).Type) && !InFamilyCheckedBranch(key) && sources.IsSocketAddress(key) && !AfterFamilyGuard(key))
        {
            Report(context, key, "using it as a key");
        }
        else if (lookup && OperationFlow.Unwrap(key).Type?.SpecialType == SpecialType.System_String && !InFamilyCheckedBranch(key) && sources.IsSocketAddressText(key) && !AfterFamilyGuard(key))
        {
            Report(context, key, "looking its text up among IPv4 addresses");
        }
    }

    private static bool InFamilyCheckedBranch(IOperation operation) => FamilyBranch.IsInFamilyCheckedArm(operation);

}
