using System.Collections.Generic;
using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0003: a literal <c>""</c> host in <c>[TcpServer]</c>/<c>[UdpServer]</c> or given to the resolve APIs
/// (<c>Dns.GetHostAddresses(Async)</c>, <c>Dns.GetHostEntry(Async)</c>, <c>IPAddress.Parse</c>), and a host that
/// can be empty (a parameter, field, configuration value, <c>""</c>...) resolved into an address that is then bound or
/// listened on — followed back from the bind across fields, parameters and helpers — with no emptiness check on the way.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnguardedEmptyHostAnalyzer : DualStackAnalyzer
{
    /// <summary>The property a diagnostic on a server attribute carries, so the fix knows to set the mode too.</summary>
    public const string AttributeHostProperty = "AttributeHost";

    /// <summary>Creates the analyzer.</summary>
    public UnguardedEmptyHostAnalyzer()
        : base(DiagnosticDescriptors.UnguardedEmptyHost)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols)
    {
        var reporter = new FlowReporter(Rule, context.Options);
        context.RegisterSymbolAction(symbolContext => AnalyzeServerAttributes(symbolContext, symbols), SymbolKind.NamedType);
        context.RegisterOperationAction(operationContext => AnalyzeLiteral(operationContext, symbols), OperationKind.Invocation);
        context.RegisterOperationAction(operationContext => AnalyzeSink(operationContext, symbols, reporter), OperationKind.Invocation, OperationKind.ObjectCreation);
    }

    private void AnalyzeServerAttributes(SymbolAnalysisContext context, DualStackSymbols symbols)
    {
        foreach (AttributeData attribute in context.Symbol.GetAttributes())
        {
            bool isServerAttribute = DualStackSymbols.IsServerAttribute(attribute.AttributeClass);
            // TypedConstant.Value throws for an array (a params argument): look at the kind first.
            if (!isServerAttribute || attribute.ConstructorArguments.Length == 0
                || attribute.ConstructorArguments[0] is not { Kind: not TypedConstantKind.Array and not TypedConstantKind.Error, Value: "" })
            {
                continue;
            }

            if (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is { } syntax
                && syntax.DescendantNodes().FirstOrDefault(node => node.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.AttributeArgument) is { } hostArgument)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    hostArgument.GetLocation(),
                    ImmutableDictionaryWith(AttributeHostProperty),
                    "\"\"",
                    $"in [{attribute.AttributeClass!.Name.Replace("Attribute", string.Empty)}] is a legacy spelling of any address",
                    "write \"::\" with Mode = ListenMode.DualStack"));
            }
        }
    }

    private void AnalyzeLiteral(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (IsResolveApi(invocation, symbols) is { } host && host.ConstantValue is { HasValue: true, Value: "" }
            && !OnlyConnects(OperationFlow.Root(invocation), symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, host.Syntax.GetLocation(),
                "\"\"", $"given to {invocation.TargetMethod.Name} does not mean any address", "use \"::\" and a dual-mode socket"));
        }
    }

    // A client that resolves "" connects to this machine's own addresses: no bind host is at stake (rare enough, a literal
    // "" given to a resolve call, that reading its body once here costs nothing).
    private static bool OnlyConnects(IOperation body, DualStackSymbols symbols)
    {
        bool connects = false;
        foreach (IOperation operation in body.Descendants())
        {
            if (ListenSink.From(operation, symbols) is { Kind: not "TcpClient" })
            {
                return false;
            }

            connects |= operation is IInvocationOperation { TargetMethod.Name: "Connect" or "ConnectAsync" or "BeginConnect" };
        }

        return connects;
    }

    // From the bind or listener back to the resolve call that made its address, and from there to the host text: a host
    // that can be empty (a parameter, a configuration value, an environment variable, "") with no check on the way.
    private static void AnalyzeSink(OperationAnalysisContext context, DualStackSymbols symbols, FlowReporter reporter)
    {
        if (ListenSink.From(context.Operation, symbols) is not { } sink || sink.Kind == "TcpClient")
        {
            return;
        }

        foreach (IOperation address in sink.AddressOrigins(context.Compilation, symbols))
        {
            if (ResolveOf(address, context.Compilation, symbols, 0) is not { } resolve || IsResolveApi(resolve, symbols) is not { } host
                || host.ConstantValue is { HasValue: true })
            {
                continue;
            }

            // The check at the resolve call first: it reads this body alone, where the host's origins may read the
            // compilation (every call site of a public constructor), and a guarded host needs no origins at all.
            if (HostSources.IsGuardedBefore(host, host.Syntax.Span.End))
            {
                continue;
            }

            // The host itself as its own origin (a parameter, args[0]) was just found unguarded there.
            bool canBeEmpty = ValueFlow.Origins(host, context.Compilation).Exists(origin =>
                (HostSources.CanBeEmptyOrigin(origin) || IsOutText(origin)) && !IsUriHost(origin) && !IsPartOfColonSplit(origin)
                && (origin == host || !HostSources.IsGuardedBefore(origin, origin.Syntax.Span.End)));
            if (canBeEmpty)
            {
                Location sinkLocation = sink.Operation.Syntax.GetLocation();
                reporter.ReportAt(context.ReportDiagnostic, host.Syntax.GetLocation(), sink.Operation, sinkLocation, null,
                    $"'{TextOf(host.Syntax)}'", $"can be empty and reaches {resolve.TargetMethod.Name}, then {FlowReporter.Describe(sink.Operation)}, without a check",
                    "map an empty host to any address (\"::\", dual-stack) first");
            }
        }
    }

    // parts[0] of "host:port".Split(':'): endpoint text cut at a colon, DSG0007's finding. Its fix parses the whole
    // endpoint, so the host part and its emptiness go with the split.
    private static bool IsPartOfColonSplit(IOperation origin)
    {
        if (origin is not IArrayElementReferenceOperation part)
        {
            return false;
        }

        // The split is written where its parts are read (text.Split(':')[0]) or kept in a local (var parts = ...): looked
        // at directly, as every host of every sink asks.
        IOperation array = OperationFlow.Unwrap(part.ArrayReference);
        return array is ILocalReferenceOperation local
            ? BodyFacts.Of(local).TryGetAssignedValues(local.Local, out IReadOnlyList<IOperation> values) && values.Count > 0
                && values.All(value => ColonText.IsColonSplit(OperationFlow.Unwrap(value)))
            : ColonText.IsColonSplit(array);
    }

    // settings.TryGetValue("bind", out string? configured): text a library call hands back, as configuration does.
    private static bool IsOutText(IOperation origin) =>
        origin is IArgumentOperation { Parameter: { RefKind: RefKind.Out, Type.SpecialType: SpecialType.System_String } };

    // The host of a parsed System.Uri ("ws://0.0.0.0:8181"): a URI with an authority has a host, or it does not parse.
    private static bool IsUriHost(IOperation origin) =>
        origin is IPropertyReferenceOperation { Property: { Name: "Host" or "IdnHost" or "DnsSafeHost", ContainingType: { Name: "Uri", ContainingNamespace.Name: "System", ContainingNamespace.ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>The host text of the resolve call <paramref name="address"/> comes from, or null; what DSG0003 reports on.</summary>
    internal static IOperation? ResolvedHost(IOperation address, Compilation compilation, DualStackSymbols symbols) =>
        ResolveOf(address, compilation, symbols, 0) is { } resolve ? IsResolveApi(resolve, symbols) : null;

    /// <summary>The resolve call an address comes from: <c>IPAddress.Parse(h)</c>, or an element of <c>Dns.GetHostAddresses(h)</c> / <c>GetHostEntry(h).AddressList</c>.</summary>
    private static IInvocationOperation? ResolveOf(IOperation address, Compilation compilation, DualStackSymbols symbols, int depth)
    {
        if (depth > 3)
        {
            return null;
        }

        IOperation? collection = address switch
        {
            IInvocationOperation invocation when IsResolveApi(invocation, symbols) is not null => null,
            IArrayElementReferenceOperation element => element.ArrayReference,
            IInvocationOperation { TargetMethod.Name: "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault" or "ElementAt", Arguments.Length: >= 1 } pick
                => pick.Instance ?? pick.Arguments[0].Value,
            IPropertyReferenceOperation { Property.Name: "AddressList", Instance: { } entry } => entry,
            IAwaitOperation awaited => OperationFlow.AwaitedValue(awaited),
            IForEachLoopOperation loop => loop.Collection,
            _ => null,
        };
        if (address is IInvocationOperation resolve && IsResolveApi(resolve, symbols) is not null)
        {
            return resolve;
        }

        if (collection is null)
        {
            return null;
        }

        foreach (IOperation origin in ValueFlow.Origins(collection, compilation))
        {
            if (ResolveOf(origin, compilation, symbols, depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The host argument, when <paramref name="invocation"/> is a resolve API taking a host string.</summary>
    private static IOperation? IsResolveApi(IInvocationOperation invocation, DualStackSymbols symbols)
    {
        // The name first: every invocation of the compilation comes here twice, and a name costs no symbol comparison.
        IMethodSymbol method = invocation.TargetMethod;
        bool resolves = method.Name is "GetHostAddresses" or "GetHostAddressesAsync" or "GetHostEntry" or "GetHostEntryAsync"
            ? SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Dns)
            : method.Name == "Parse" && symbols.IsIPAddress(method.ContainingType);
        return resolves && invocation.Arguments.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String
            ? invocation.Arguments[0].Value
            : null;
    }

    // The text the tree was parsed from, when it has it: a substring, where printing the node walks its tokens.
    private static string TextOf(SyntaxNode node) =>
        node.SyntaxTree.TryGetText(out Microsoft.CodeAnalysis.Text.SourceText? text) ? text.ToString(node.Span) : node.ToString();

    private static System.Collections.Immutable.ImmutableDictionary<string, string?> ImmutableDictionaryWith(string key) =>
        System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(key, "true");
}
