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
/// can be empty (a parameter, field, configuration value...) resolved and then bound or listened on with no
/// emptiness check earlier in the method.
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
        context.RegisterSymbolAction(symbolContext => AnalyzeServerAttributes(symbolContext, symbols), SymbolKind.NamedType);
        context.RegisterOperationAction(operationContext => AnalyzeResolve(operationContext, symbols), OperationKind.Invocation);
    }

    private void AnalyzeServerAttributes(SymbolAnalysisContext context, DualStackSymbols symbols)
    {
        foreach (AttributeData attribute in context.Symbol.GetAttributes())
        {
            bool isServerAttribute = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.TcpServerAttribute)
                || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.UdpServerAttribute);
            if (!isServerAttribute || attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not "")
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
                    $"The host \"\" in [{attribute.AttributeClass!.Name.Replace("Attribute", string.Empty)}] is a legacy spelling of any address; write \"::\" with Mode = ListenMode.DualStack"));
            }
        }
    }

    private void AnalyzeResolve(OperationAnalysisContext context, DualStackSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!IsResolveApi(invocation.TargetMethod, symbols) || invocation.Arguments.Length == 0
            || invocation.TargetMethod.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return;
        }

        IOperation host = invocation.Arguments[0].Value;
        if (host.ConstantValue is { HasValue: true, Value: string literal })
        {
            if (literal.Length == 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, host.Syntax.GetLocation(),
                    $"The host \"\" given to {invocation.TargetMethod.Name} does not mean any address; use \"::\" and a dual-mode socket"));
            }

            return;
        }

        if (HostSources.CanBeEmpty(host) && ResultIsBound(invocation, symbols) && !HostSources.IsGuardedBefore(host, host.Syntax.Span.End))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, host.Syntax.GetLocation(),
                $"The host '{host.Syntax}' can be empty and is given to {invocation.TargetMethod.Name} without a check; map an empty host to any address (\"::\", dual-stack) first"));
        }
    }

    private static bool IsResolveApi(IMethodSymbol method, DualStackSymbols symbols)
    {
        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Dns))
        {
            return method.Name is "GetHostAddresses" or "GetHostAddressesAsync" or "GetHostEntry" or "GetHostEntryAsync";
        }

        return method.Name == "Parse" && symbols.IsIPAddress(method.ContainingType);
    }

    private static bool ResultIsBound(IInvocationOperation resolve, DualStackSymbols symbols)
    {
        IOperation root = OperationFlow.Root(resolve);
        foreach (IOperation descendant in root.Descendants())
        {
            IOperation? address = descendant switch
            {
                IInvocationOperation { TargetMethod.Name: "Bind", Arguments.Length: 1 } bind when symbols.IsSocket(bind.TargetMethod.ContainingType) => bind.Arguments[0].Value,
                IObjectCreationOperation { Arguments.Length: >= 1 } creation when SymbolEqualityComparer.Default.Equals(creation.Type, symbols.TcpListener)
                    || (SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient) && creation.Arguments.Length == 1) => creation.Arguments[0].Value,
                _ => null,
            };
            if (address is not null && HostSources.FlowsFrom(address, resolve, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static System.Collections.Immutable.ImmutableDictionary<string, string?> ImmutableDictionaryWith(string key) =>
        System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(key, "true");
}
