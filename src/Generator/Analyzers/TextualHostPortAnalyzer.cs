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
/// DSG0007: an endpoint built as text — <c>$"{address}:{port}"</c>, <c>host + ":" + port</c>, <c>string.Concat</c>,
/// <c>string.Format("{0}:{1}")</c>, <c>StringBuilder</c> appends — or split at ':' (<c>Split(':')</c> with the port or
/// the host parsed, <c>IndexOf(':')</c> or <c>LastIndexOf(':')</c> with <c>Substring</c>, a range or a span's <c>Slice</c>). IPv6 addresses contain ':' and need brackets. Text that only reaches
/// a log line or an exception, a dictionary key (an opaque id), or an arm already chosen by an <c>AddressFamily</c>
/// check is left alone, as is a split in a body that handles '['.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TextualHostPortAnalyzer : DualStackAnalyzer
{
    private const string Joining = "Joining a host and a port";
    private const int MaxConsumerDepth = 6;

    /// <summary>Creates the analyzer.</summary>
    public TextualHostPortAnalyzer()
        : base(DiagnosticDescriptors.TextualHostPort)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols)
    {
        var reporter = new FlowReporter(Rule, context.Options);
        context.RegisterOperationAction(operationContext => AnalyzeInterpolation(operationContext, symbols), OperationKind.InterpolatedString);
        context.RegisterOperationAction(operationContext => AnalyzeConcatenation(operationContext, symbols), OperationKind.Binary);
        context.RegisterOperationAction(operationContext => AnalyzeInvocation(operationContext, symbols, reporter), OperationKind.Invocation);
        context.RegisterOperationAction(operationContext => AnalyzeRange(operationContext, reporter), OperationKind.Range);
    }

    // text[(colon + 1)..] and text[..colon]: the same cut as Substring, written with a range.
    private void AnalyzeRange(OperationAnalysisContext context, FlowReporter reporter)
    {
        var range = (IRangeOperation)context.Operation;
        IOperation cut = range.Parent is IArgumentOperation argument ? argument.Parent ?? range : range.Parent ?? range;
        if (cut.Type?.SpecialType != SpecialType.System_String && !IsCharSpan(cut.Type))
        {
            return;
        }

        ReportCut(context, reporter, cut, [range.LeftOperand, range.RightOperand]);
    }

    private void AnalyzeInterpolation(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var interpolated = (IInterpolatedStringOperation)context.Operation;

        // Every interpolated string of the compilation comes here: one without a ":" part joins no host and port, and is
        // passed over before any list is made.
        if (!interpolated.Parts.Any(part => part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: ":" } }))
        {
            return;
        }

        var parts = interpolated.Parts.Select(part => part switch
        {
            IInterpolationOperation interpolation => interpolation.Expression,
            IInterpolatedStringTextOperation text => text.Text,
            _ => part,
        }).Cast<object>().ToList();
        if (JoinsHostAndPort(parts, symbols, context.Compilation))
        {
            ReportJoin(context, interpolated);
        }
    }

    private void AnalyzeConcatenation(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var concatenation = (IBinaryOperation)context.Operation;
        if (!IsStringConcatenation(concatenation) || concatenation.Parent is IBinaryOperation parent && IsStringConcatenation(parent)
            || !HasColonOperand(concatenation))
        {
            return;
        }

        var operands = new List<IOperation>();
        Flatten(concatenation, operands);
        if (JoinsHostAndPort(operands.Cast<object>().ToList(), symbols, context.Compilation))
        {
            ReportJoin(context, concatenation);
        }
    }

    private void AnalyzeInvocation(OperationAnalysisContext context, DualStackSymbols symbols, FlowReporter reporter)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (IsJoinedBuilder(invocation, symbols) || IsJoinedByAppendStatements(invocation, symbols))
        {
            if (!InFamilyCheckedBranch(invocation) && BuiltTextReachesAddressUse(invocation, context.Compilation))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), Joining, $"'{FlowReporter.Shorten(invocation.Syntax.ToString(), 70)}'"));
            }

            return;
        }

        // span.Slice(colon + 1): the cut of a ReadOnlySpan<char>.
        if (invocation.TargetMethod.Name == "Slice" && IsCharSpan(invocation.TargetMethod.ContainingType))
        {
            ReportCut(context, reporter, invocation, invocation.Arguments.Select(argument => (IOperation?)argument.Value));
            return;
        }

        if (invocation.TargetMethod.ContainingType.SpecialType != SpecialType.System_String)
        {
            return;
        }

        switch (invocation.TargetMethod.Name)
        {
            case "Concat":
                if (JoinsHostAndPort(Values(invocation).Cast<object>().ToList(), symbols, context.Compilation))
                {
                    ReportJoin(context, invocation);
                }

                break;
            case "Format" when FormatParts(invocation) is { } parts && JoinsHostAndPort(parts, symbols, context.Compilation):
                ReportJoin(context, invocation);
                break;
            case "Split" when invocation.Arguments.Any(argument => ColonText.IsColon(argument.Value))
                && (PortIsParsed(invocation) || HostIsParsed(invocation) || SplitsHostText(invocation, symbols) || SplitsEndPointText(invocation, symbols, context.Compilation)) && !HandlesBrackets(invocation):
                context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), "Splitting an endpoint", $"'{invocation.Syntax}'"));
                break;
            case "Substring" or "Remove":
                ReportCut(context, reporter, invocation, invocation.Arguments.Select(argument => (IOperation?)argument.Value));
                break;
        }
    }

    // A cut (Substring, Remove, a range, Slice) at the index of a ':' whose piece is parsed as a port.
    private void ReportCut(OperationAnalysisContext context, FlowReporter reporter, IOperation cut, IEnumerable<IOperation?> bounds)
    {
        if (!ReachesIntegerParse(cut))
        {
            return;
        }

        foreach (IInvocationOperation indexOf in ColonSearches(bounds))
        {
            if (!HandlesBrackets(indexOf))
            {
                reporter.ReportAt(context.ReportDiagnostic, indexOf.Syntax.GetLocation(), cut, cut.Syntax.GetLocation(), null,
                    "Splitting an endpoint", $"'{indexOf.Syntax}', then {FlowReporter.Describe(cut)}");
            }
        }
    }

    private static bool IsCharSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span", TypeArguments.Length: 1 } span && span.TypeArguments[0].SpecialType == SpecialType.System_Char
        && NamespaceName.Is(span.ContainingNamespace, "System");

    // builder.Append(host).Append(':').Append(port): the join written into a StringBuilder, reported on the last Append.
    private static bool IsJoinedBuilder(IInvocationOperation append, DualStackSymbols symbols)
    {
        if (append.TargetMethod.Name != "Append" || append.TargetMethod.ContainingType.Name != "StringBuilder" || append.Arguments.Length != 1
            || append.Parent is IInvocationOperation { TargetMethod.Name: "Append" } next && next.Instance == append)
        {
            return false;
        }

        // The shape of the chain before the port: most Append calls are not preceded by a ":".
        return append.Instance is IInvocationOperation { TargetMethod.Name: "Append", Arguments.Length: 1 } colon && Text(OperationFlow.Unwrap(colon.Arguments[0].Value)) is ":"
            && colon.Instance is IInvocationOperation { TargetMethod.Name: "Append", Arguments.Length: 1 } host
            && IsPort(append.Arguments[0].Value) && IsHost(host.Arguments[0].Value, symbols);
    }

    // url.Append(host); ... url.Append(':'); url.Append(port);: the same join as the chain, one statement at a time. The
    // builder's appends are taken in the order of the text, whatever branches they sit in.
    private static bool IsJoinedByAppendStatements(IInvocationOperation append, DualStackSymbols symbols)
    {
        if (append.TargetMethod.Name != "Append" || append.TargetMethod.ContainingType.Name != "StringBuilder" || append.Arguments.Length != 1
            || append.Instance is not ILocalReferenceOperation builder || !IsPort(append.Arguments[0].Value))
        {
            return false;
        }

        List<IInvocationOperation> appends = BodyFacts.Of(append).ReadsOf(builder.Local)
            .Select(read => read.Parent is IInvocationOperation { TargetMethod.Name: "Append", Arguments.Length: 1 } call && call.Instance == read ? call : null)
            .OfType<IInvocationOperation>()
            .OrderBy(call => call.Syntax.SpanStart)
            .ToList();
        int index = appends.IndexOf(append);
        return index >= 2 && Text(OperationFlow.Unwrap(appends[index - 1].Arguments[0].Value)) is ":"
            && appends[index - 1].Parent is IExpressionStatementOperation && appends[index - 2].Parent is IExpressionStatementOperation
            && IsHost(appends[index - 2].Arguments[0].Value, symbols);
    }

    // Where a builder's text goes: for a local builder read only to append to it and to take its text, where its
    // ToString() goes; for a chain on anything else, where the chain goes.
    private static bool BuiltTextReachesAddressUse(IInvocationOperation append, Compilation compilation)
    {
        IOperation chain = append;
        while (chain is IInvocationOperation { TargetMethod.Name: "Append", Instance: { } instance })
        {
            chain = instance;
        }

        if (chain is not ILocalReferenceOperation builder)
        {
            return ReachesAddressUse(append, compilation, 0);
        }

        var texts = new List<IOperation>();
        foreach (ILocalReferenceOperation read in BodyFacts.Of(append).ReadsOf(builder.Local))
        {
            switch (read.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "ToString", Arguments.Length: 0 } text:
                    texts.Add(text);
                    break;
                case IInvocationOperation { TargetMethod.Name: "Append" or "AppendLine" or "AppendFormat" or "Insert" } call when call.Instance == read:
                    break;
                default:
                    return true;
            }
        }

        return texts.Count == 0 || texts.Any(text => ReachesAddressUse(text, compilation, 0));
    }

    private void ReportJoin(OperationAnalysisContext context, IOperation join)
    {
        if (!InFamilyCheckedBranch(join) && ReachesAddressUse(join, context.Compilation, 0))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, join.Syntax.GetLocation(), Joining, $"'{FlowReporter.Shorten(join.Syntax.ToString(), 70)}'"));
        }
    }

    // Where the text goes: a log line, an exception message or a dictionary key does not parse it back; anything else
    // (stored, passed on, compared) may. Text a helper returns goes where its callers in the compilation send it.
    private static bool ReachesAddressUse(IOperation text, Compilation compilation, int depth)
    {
        IOperation value = text;
        while (value.Parent is IConversionOperation or IInterpolationOperation or IInterpolatedStringOperation or IParenthesizedOperation
            || (value.Parent is IConditionalOperation choice && choice.Condition != value)
            || value.Parent is ICoalesceOperation)
        {
            value = value.Parent;
        }

        switch (value.Parent)
        {
            case IArgumentOperation { Parent: IObjectCreationOperation creation } when IsException(creation.Type):
                return false;
            case IArgumentOperation { Parent: IInvocationOperation call } argument:
                if (IsLog(call.TargetMethod) || IsLogDelegate(call))
                {
                    return false;
                }

                if (call.TargetMethod.ContainingType.SpecialType == SpecialType.System_String && call.TargetMethod.Name is "Format" or "Concat" or "Join")
                {
                    return depth < MaxConsumerDepth && ReachesAddressUse(call, compilation, depth + 1);
                }

                return !(DualStackSymbols.IsKeyedCollection(call.TargetMethod.ContainingType) && argument.Parameter?.OriginalDefinition.Type is ITypeParameterSymbol);
            case IArgumentOperation { Parent: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } when DualStackSymbols.IsKeyedCollection(indexer.Property.ContainingType):
                return false;
            case IBinaryOperation concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                return depth < MaxConsumerDepth && ReachesAddressUse(concatenation, compilation, depth + 1);
            case IThrowOperation:
                return false;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return depth < MaxConsumerDepth && ReadsReachAddressUse(text, declarator.Symbol, compilation, depth);
            case ICompoundAssignmentOperation { Target: ILocalReferenceOperation appended } compound when compound.Value == value:
                // info += $" -> {host}:{port}": the text joins the local's, and goes where the local goes.
                return depth < MaxConsumerDepth && ReadsReachAddressUse(text, appended.Local, compilation, depth);
            case IReturnOperation when depth < MaxConsumerDepth && CallsOfReturningMethod(value, compilation) is { Count: > 0 } calls:
                return calls.Any(call => ReachesAddressUse(call, compilation, depth + 1));
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 0 } } stored
                when stored.Value == value && depth < MaxConsumerDepth && CompilationFlow.Of(compilation).MemberReads(((IMemberReferenceOperation)stored.Target).Member) is { Count: > 0 } reads:
                // lastClient = $"{address}:{port}", read only by log lines: kept to be printed. Text stored and never
                // read here is read by code the compilation cannot see.
                return reads.Any(read => ReachesAddressUse(read, compilation, depth + 1));
            default:
                return true;
        }
    }

    // The local's reads, but not the targets of its own += (which only append to it).
    // A local never read leaves the text with no known consumer: only a log line or an exception clears it, as for a
    // member (string address = Utils.GetAddress(host, port); left unused is no evidence the helper's text is printed).
    private static bool ReadsReachAddressUse(IOperation text, ILocalSymbol local, Compilation compilation, int depth)
    {
        List<ILocalReferenceOperation> reads = BodyFacts.Of(text).ReadsOf(local).Where(read => !(read.Parent is ICompoundAssignmentOperation compound && compound.Target == read)).ToList();
        return reads.Count == 0 || reads.Exists(read => ReachesAddressUse(read, compilation, depth + 1));
    }

    // The compilation's calls of the method that returns the value, found through its first parameter's call sites (a
    // method without parameters has none to find): empty when there are none.
    private static List<IOperation> CallsOfReturningMethod(IOperation returned, Compilation compilation)
    {
        var calls = new List<IOperation>();
        for (IOperation? enclosing = returned.Parent; enclosing is not null; enclosing = enclosing.Parent)
        {
            if (enclosing is ILocalFunctionOperation or IAnonymousFunctionOperation)
            {
                return calls;
            }
        }

        // A property's getter is called where the property is read.
        if (returned.SemanticModel is { } getterModel
            && returned.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax>() is { } declared
            && getterModel.GetDeclaredSymbol(declared) is IPropertySymbol { Parameters.Length: 0 } property)
        {
            calls.AddRange(CompilationFlow.Of(compilation).MemberReads(property));
            return calls;
        }

        if (OperationFlow.Root(returned) is IMethodBodyOperation { Syntax: var declaration, SemanticModel: { } model }
            && model.GetDeclaredSymbol(declaration) is IMethodSymbol { MethodKind: MethodKind.Ordinary, Parameters.Length: > 0 } method)
        {
            foreach (IOperation argument in CompilationFlow.Of(compilation).ArgumentValues(method.Parameters[0]))
            {
                if (argument.Parent is IArgumentOperation { Parent: IInvocationOperation call })
                {
                    calls.Add(call);
                }
            }
        }

        return calls;
    }

    private static bool IsException(ITypeSymbol? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.Name == "Exception" && NamespaceName.Is(type.ContainingNamespace, "System"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLog(IMethodSymbol method)
    {
        INamespaceSymbol? ns = method.ContainingType.ContainingNamespace;
        string type = method.ContainingType.Name;
        return NamespaceName.Is(ns, "Microsoft.Extensions.Logging") || NamespaceName.Is(ns, "System.Diagnostics")
            || (type == "Console" && NamespaceName.Is(ns, "System"))
            || (type is "TextWriter" && method.Name.StartsWith("Write", StringComparison.Ordinal) && NamespaceName.Is(ns, "System.IO"))
            || method.Name.StartsWith("Log", StringComparison.Ordinal)
            || IsOwnLogger(type, method.Name);
    }

    // Log.Info("...") where Info is an Action<string>, or Logger?.Invoke(severity, "..."): a delegate kept for logging.
    private static bool IsLogDelegate(IInvocationOperation call)
    {
        if (call.TargetMethod.Name != "Invoke" || call.TargetMethod.ContainingType.TypeKind != TypeKind.Delegate)
        {
            return false;
        }

        IOperation? target = call.Instance is IConditionalAccessInstanceOperation && call.Parent is IConditionalAccessOperation access ? access.Operation : call.Instance;
        ISymbol? holder = OperationFlow.ReferencedSymbol(target);
        return (holder is not null && (IsLogName(holder.Name) || IsOwnLogger(holder.ContainingType?.Name ?? string.Empty, holder.Name)))
            // A ListenerLog type holding an Action<string> write: the delegate is the log sink of a type named for logging.
            || (call.Syntax.Ancestors().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>().FirstOrDefault() is { } owner
                && IsOwnLogger(owner.Identifier.ValueText, string.Empty));
    }

    // Logger, _log, LogInfo, OnLog, ErrorLog; not Login or Catalog.
    private static bool IsLogName(string name)
    {
        string trimmed = name.TrimStart('_');
        if (trimmed.EndsWith("Log", StringComparison.Ordinal) || trimmed.EndsWith("Logger", StringComparison.Ordinal))
        {
            return true;
        }

        return trimmed.StartsWith("log", StringComparison.OrdinalIgnoreCase)
            && (trimmed.Length == 3 || char.IsUpper(trimmed[3]) || trimmed.Substring(3).StartsWith("ger", StringComparison.Ordinal) || trimmed.Substring(3).StartsWith("ging", StringComparison.Ordinal));
    }

    // Servers bring their own logging abstraction (an ILog with Info and Error): a type named for logging, or a method
    // named for a log level, receives text to be read by a person.
    private static bool IsOwnLogger(string type, string method) =>
        type.EndsWith("Log", StringComparison.Ordinal) || type.EndsWith("Logger", StringComparison.Ordinal)
        || method is "Info" or "Debug" or "Warn" or "Warning" or "Error" or "Fatal" or "Verbose" or "Information" or "Critical";

    // Inside the arm of an if or ?: whose condition looked at the family (or for ':' in the text), the IPv6 case is handled on the other arm.
    private static bool InFamilyCheckedBranch(IOperation operation)
    {
        if (FamilyBranch.IsInFamilyCheckedArm(operation))
        {
            return true;
        }

        IOperation child = operation;
        for (IOperation? parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && child != conditional.Condition
                && conditional.Condition.DescendantsAndSelf().Any(check =>
                    check is IInvocationOperation { TargetMethod.Name: "Contains" or "IndexOf" } contains && contains.Arguments.Any(argument => ColonText.IsColon(argument.Value))))
            {
                return true;
            }
        }

        return false;
    }

    // The index of a ':' found by IndexOf/LastIndexOf, in an argument of Substring/Remove directly, through arithmetic or a local.
    private static IEnumerable<IInvocationOperation> ColonSearches(IEnumerable<IOperation?> bounds)
    {
        var found = new List<IInvocationOperation>();
        var pending = new Stack<(IOperation Operation, int Depth)>();
        foreach (IOperation? bound in bounds)
        {
            if (bound is not null)
            {
                pending.Push((bound, 0));
            }
        }

        var seen = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        while (pending.Count > 0)
        {
            (IOperation operation, int depth) = pending.Pop();
            operation = OperationFlow.Unwrap(operation);
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "IndexOf" or "LastIndexOf" } search
                    when search.TargetMethod.ContainingType.SpecialType == SpecialType.System_String && search.Arguments.Length >= 1 && ColonText.IsColon(search.Arguments[0].Value):
                    found.Add(search);
                    break;
                // span.IndexOf(':'): MemoryExtensions takes the span as its first argument.
                case IInvocationOperation { TargetMethod.Name: "IndexOf" or "LastIndexOf", TargetMethod.ContainingType.Name: "MemoryExtensions", Arguments.Length: 2 } spanSearch
                    when ColonText.IsColon(spanSearch.Arguments[1].Value):
                    found.Add(spanSearch);
                    break;
                case IBinaryOperation arithmetic when depth < 3:
                    pending.Push((arithmetic.LeftOperand, depth + 1));
                    pending.Push((arithmetic.RightOperand, depth + 1));
                    break;
                case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                    // An arm is the value itself, not a step away from it: nesting is finite, so no depth is spent.
                    pending.Push((choice.WhenTrue, depth));
                    pending.Push((whenFalse, depth));
                    break;
                case ILocalReferenceOperation local when depth < 3 && seen.Add(local.Local):
                    if (BodyFacts.Of(local).TryGetAssignedValues(local.Local, out IReadOnlyList<IOperation> values))
                    {
                        foreach (IOperation value in values)
                        {
                            pending.Push((value, depth + 1));
                        }
                    }

                    break;
            }
        }

        return found;
    }

    // The piece cut off is parsed as a number: a port, not the embedded IPv4 tail of an IPv6 address or a scheme.
    private static bool ReachesIntegerParse(IOperation piece)
    {
        IOperation value = piece;
        while (value.Parent is IConversionOperation or IInvocationOperation { TargetMethod.Name: "Trim" or "AsSpan" })
        {
            value = value.Parent;
        }

        return value.Parent switch
        {
            IArgumentOperation { Parent: IInvocationOperation parse } => IsIntegerParse(parse),
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } =>
                BodyFacts.Of(piece).ReadsOf(declarator.Symbol).Any(read => read.Parent is IArgumentOperation { Parent: IInvocationOperation parse } && IsIntegerParse(parse)),
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } =>
                BodyFacts.Of(piece).ReadsOf(local.Local).Any(read => read.Parent is IArgumentOperation { Parent: IInvocationOperation parse } && IsIntegerParse(parse)),
            _ => false,
        };
    }

    private static bool IsIntegerParse(IInvocationOperation parse) =>
        parse.TargetMethod.Name is "Parse" or "TryParse" or "ToInt32" or "ToUInt16"
        && (parse.TargetMethod.ContainingType.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt16 || parse.TargetMethod.ContainingType.Name == "Convert");

    // parts[1] of the split given to int.Parse / ushort.Parse / Convert.ToInt32: a port. A port follows its host, so a
    // number in part 0 ("17:AAAA", a tag and its value) is no port. Where every read of the parts is seen (the split
    // is kept in a local), the part before the port must be read and not be a number itself: "MOVE:3:4" split into a
    // command word nobody reads and two numbers holds no host.
    private static bool PortIsParsed(IInvocationOperation split)
    {
        List<IOperation> elements = SplitElements(split).ToList();
        bool everyReadSeen = IsKeptInLocal(split);
        return elements.Any(element => IsIntegerParsed(element) && PartIndex(element) is var index && index != 0
            && (!everyReadSeen || index is not int port || PrecedesPort(elements, port - 1)));
    }

    private static bool IsIntegerParsed(IOperation element) =>
        element.Parent is IArgumentOperation { Parent: IInvocationOperation parse } && IsIntegerParse(parse);

    private static bool PrecedesPort(List<IOperation> elements, int hostIndex) =>
        elements.Any(element => PartIndex(element) == hostIndex) && !elements.Any(element => PartIndex(element) == hostIndex && IsIntegerParsed(element));

    private static int? PartIndex(IOperation element) =>
        element is IArrayElementReferenceOperation { Indices.Length: 1 } part && part.Indices[0].ConstantValue is { HasValue: true, Value: int index } ? index : null;

    private static bool IsKeptInLocal(IInvocationOperation split) =>
        BeyondConversions(split).Parent is IVariableInitializerOperation or ISimpleAssignmentOperation { Target: ILocalReferenceOperation };

    // The split as its reader sees it: itself, or the conversions around it.
    private static IOperation BeyondConversions(IOperation split)
    {
        IOperation value = split;
        while (value.Parent is IConversionOperation)
        {
            value = value.Parent;
        }

        return value;
    }

    // parts[0] of the split read as an address (IPAddress.Parse/TryParse): "2001:db8::1".Split(':')[0] is "2001".
    private static bool HostIsParsed(IInvocationOperation split)
    {
        foreach (IOperation element in SplitElements(split))
        {
            if (element.Parent is IArgumentOperation { Parent: IInvocationOperation parse } && IsAddressParse(parse))
            {
                return true;
            }

            if (element.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation host }
                && BodyFacts.Of(split).ReadsOf(host.Symbol).Any(read => read.Parent is IArgumentOperation { Parent: IInvocationOperation hostParse } && IsAddressParse(hostParse)))
            {
                return true;
            }
        }

        return false;
    }

    // Host.Split(':')[0] of a text named as a host (a Host header, a server address): split at ':' it held a port, and
    // part 0 of "[::1]:8080" is "[". A MAC address or an IPv6 address split into its groups is named so.
    private static bool SplitsHostText(IInvocationOperation split, DualStackSymbols symbols) =>
        split.Instance is { Type.SpecialType: SpecialType.System_String } text && IsHost(text, symbols)
        && OperationFlow.Unwrap(text).Syntax.ToString() is var name
        && name.IndexOf("mac", StringComparison.OrdinalIgnoreCase) < 0 && name.IndexOf("v6", StringComparison.OrdinalIgnoreCase) < 0
        && ReadsFirstPart(split);

    private static bool ReadsFirstPart(IInvocationOperation split) =>
        SplitElements(split).Any(element => PartIndex(element) == 0);

    // remote.ToString().Split(':')[0] of a socket's endpoint: "[2001:db8::1]:443" gives "[", whatever the part is then
    // compared with or kept as (the last part, the port, is right).
    private static bool SplitsEndPointText(IInvocationOperation split, DualStackSymbols symbols, Compilation compilation) =>
        split.Instance is { } text
        && ReadsFirstPart(split)
        && ValueFlow.AnyOrigin(text, compilation, origin => origin is IInvocationOperation { TargetMethod.Name: "ToString", Arguments.Length: 0, Instance: { } endPoint }
            && IsEndPointType(OperationFlow.Unwrap(endPoint).Type, symbols));

    private static bool IsEndPointType(ITypeSymbol? type, DualStackSymbols symbols)
    {
        for (ITypeSymbol? candidate = type; candidate is not null; candidate = candidate.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, symbols.EndPoint))
            {
                return true;
            }
        }

        return false;
    }

    // The parts of a split read by index: split(...)[i] directly, or parts[i] of the local it initializes.
    private static IEnumerable<IOperation> SplitElements(IInvocationOperation split)
    {
        IOperation value = BeyondConversions(split);
        return value.Parent switch
        {
            IArrayElementReferenceOperation element => [element],
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } =>
                BodyFacts.Of(split).ReadsOf(declarator.Symbol).Select(read => read.Parent).OfType<IArrayElementReferenceOperation>(),
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == value =>
                ReadsUntilReassigned(assignment, local.Local).Select(read => read.Parent).OfType<IArrayElementReferenceOperation>(),
            _ => [],
        };
    }

    // parts = header.Split(':') on a local that held an earlier split: its reads between this assignment and the next
    // one, in the order of the text, are this split's parts.
    private static IEnumerable<ILocalReferenceOperation> ReadsUntilReassigned(ISimpleAssignmentOperation assignment, ILocalSymbol local)
    {
        BodyFacts body = BodyFacts.Of(assignment);
        int start = assignment.Syntax.Span.End;
        int end = int.MaxValue;
        if (body.TryGetAssignedValues(local, out IReadOnlyList<IOperation> values))
        {
            foreach (IOperation later in values)
            {
                if (later.Syntax.SpanStart >= start && later.Syntax.SpanStart < end)
                {
                    end = later.Syntax.SpanStart;
                }
            }
        }

        return body.ReadsOf(local).Where(read => read.Syntax.SpanStart >= start && read.Syntax.SpanStart < end);
    }

    private static bool IsAddressParse(IInvocationOperation parse) =>
        parse.TargetMethod.Name is "Parse" or "TryParse" && parse.TargetMethod.ContainingType.Name == "IPAddress";

    // A body that looks for '[' or ']' parses bracketed IPv6 endpoints on purpose.
    private static bool HandlesBrackets(IOperation operation) => BracketsByBody.GetValue(BodyFacts.Of(operation), static body =>
        new System.Runtime.CompilerServices.StrongBox<bool>(body.Operations.Any(candidate => candidate.ConstantValue is { HasValue: true, Value: '[' or ']' or "[" or "]" }))).Value;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BodyFacts, System.Runtime.CompilerServices.StrongBox<bool>> BracketsByBody = new();

    private static IEnumerable<IOperation> Values(IInvocationOperation invocation)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (OperationFlow.Unwrap(argument.Value) is IArrayCreationOperation { Initializer: { } initializer } && argument.ArgumentKind == ArgumentKind.ParamArray)
            {
                foreach (IOperation element in initializer.ElementValues)
                {
                    yield return OperationFlow.Unwrap(element);
                }
            }
            else if (argument.ArgumentKind is not (ArgumentKind.Explicit or ArgumentKind.ParamArray or ArgumentKind.DefaultValue))
            {
                // A params span (string.Concat(params ReadOnlySpan<string>) since .NET 9): a collection of the values.
                foreach (IOperation element in argument.Value.ChildOperations)
                {
                    yield return OperationFlow.Unwrap(element);
                }
            }
            else
            {
                yield return OperationFlow.Unwrap(argument.Value);
            }
        }
    }

    /// <summary>The parts of <c>string.Format("{0}:{1}", host, port)</c> in order: texts and the operations the placeholders name.</summary>
    private static List<object>? FormatParts(IInvocationOperation format)
    {
        List<IOperation> values = Values(format).ToList();
        int formatIndex = values.FindIndex(value => value.Type?.SpecialType == SpecialType.System_String && value.ConstantValue.HasValue);
        if (formatIndex < 0 || values[formatIndex].ConstantValue.Value is not string text)
        {
            return null;
        }

        var parts = new List<object>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '{' || i + 2 >= text.Length || !char.IsDigit(text[i + 1]))
            {
                continue;
            }

            int close = text.IndexOf('}', i);
            if (close < 0)
            {
                break;
            }

            string placeholder = text.Substring(i + 1, close - i - 1).Split(',', ':')[0];
            if (!int.TryParse(placeholder, out int index) || formatIndex + 1 + index >= values.Count)
            {
                return null;
            }

            if (i > start)
            {
                parts.Add(text.Substring(start, i - start));
            }

            parts.Add(values[formatIndex + 1 + index]);
            start = close + 1;
            i = close;
        }

        if (start < text.Length)
        {
            parts.Add(text.Substring(start));
        }

        return parts;
    }

    /// <summary>Whether the parts hold a host, then text starting with ':', then a port.</summary>
    private static bool JoinsHostAndPort(List<object> parts, DualStackSymbols symbols, Compilation compilation)
    {
        for (int i = 0; i + 2 < parts.Count; i++)
        {
            if (parts[i] is IOperation host && IsHost(host, symbols) && Text(parts[i + 1]) is ":" && parts[i + 2] is IOperation port && IsPort(port)
                && !IsBracketedByUri(host, compilation))
            {
                return true;
            }
        }

        return false;
    }

    // Uri.Host, IdnHost and Authority keep the brackets of an IPv6 literal ("[::1]"); DnsSafeHost drops them.
    private static bool IsBracketedByUri(IOperation host, Compilation compilation)
    {
        if (host.Type?.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        List<IOperation> origins = ValueFlow.Origins(host, compilation);
        return origins.Count > 0 && origins.TrueForAll(origin => origin is IPropertyReferenceOperation { Property: { Name: "Host" or "IdnHost" or "Authority", ContainingType: { Name: "Uri" } uri } }
            && NamespaceName.Is(uri.ContainingNamespace, "System"));
    }

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
        if (symbols.IsIPAddress(operation.Type))
        {
            return true;
        }

        if (operation.Type?.SpecialType != SpecialType.System_String || operation.ConstantValue is { HasValue: true })
        {
            return false;
        }

        string text = operation.Syntax.ToString();
        return text.IndexOf("host", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("address", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("server", StringComparison.OrdinalIgnoreCase) >= 0
            || text.EndsWith("ip", StringComparison.OrdinalIgnoreCase)
            || text.EndsWith("Ip", StringComparison.Ordinal);
    }

    private static bool IsPort(IOperation operation)
    {
        operation = OperationFlow.Unwrap(operation);
        if (operation is IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance })
        {
            operation = OperationFlow.Unwrap(instance);
        }

        return operation.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt16 || SpellsPort(operation.Syntax);
    }

    // Whether a token of the expression spells "port" (options.Port, _listenPort, cfg["port"]), asked of each token's
    // text rather than of the printed expression.
    private static bool SpellsPort(SyntaxNode expression)
    {
        foreach (SyntaxToken token in expression.DescendantTokens())
        {
            if (token.Text.IndexOf("port", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // Every string concatenation comes here: one with no ":" operand joins no host and port, and is passed over before
    // its operands are listed.
    private static bool HasColonOperand(IOperation operation)
    {
        IOperation unwrapped = OperationFlow.Unwrap(operation);
        return unwrapped is IBinaryOperation binary && IsStringConcatenation(binary)
            ? HasColonOperand(binary.LeftOperand) || HasColonOperand(binary.RightOperand)
            : Text(unwrapped) is ":";
    }

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
