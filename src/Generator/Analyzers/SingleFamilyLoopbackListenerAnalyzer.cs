using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers;

/// <summary>
/// DSG0006: <c>IPAddress.Loopback</c> or <c>IPAddress.IPv6Loopback</c> listened on — chosen anywhere in the compilation
/// (a constructor mapping <c>"localhost"</c> to a field, a helper) — when the member around the listener opens no other
/// loopback: a client that resolves <c>localhost</c> to the other family cannot connect. Reported at the origin.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SingleFamilyLoopbackListenerAnalyzer : DualStackAnalyzer
{
    private const string IPv4Loopback = "Loopback";
    private const string IPv6Loopback = "IPv6Loopback";

    /// <summary>Creates the analyzer.</summary>
    public SingleFamilyLoopbackListenerAnalyzer()
        : base(DiagnosticDescriptors.SingleFamilyLoopbackListener)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext context, DualStackSymbols symbols)
    {
        var reporter = new FlowReporter(Rule, context.Options);
        context.RegisterOperationAction(operationContext => Analyze(operationContext, symbols, reporter), OperationKind.ObjectCreation, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, DualStackSymbols symbols, FlowReporter reporter)
    {
        // A TcpClient's local endpoint is the client's own side: which loopback it leaves from does not matter.
        if (ListenSink.From(context.Operation, symbols) is not { } sink || sink.Kind == "TcpClient")
        {
            return;
        }

        if (!sink.IsBaseInitializer && IsConnectedClient(sink.Operation))
        {
            return;
        }

        TypeSyntaxFacts type = TypeSyntaxFacts.Around(sink.Operation.Syntax);
        System.Collections.Generic.List<IOperation> origins = sink.AddressOrigins(context.Compilation, symbols);

        foreach (IOperation origin in origins)
        {
            string? family = symbols.IsLoopback(origin, IPv4Loopback) ? IPv4Loopback : symbols.IsLoopback(origin, IPv6Loopback) ? IPv6Loopback : null;
            if (family is not null)
            {
                Report(origin, family, ChoosesOtherLoopbackToo(origin, origins, Other(family), symbols));
            }
            else if (symbols.IsAddressParse(origin, out IOperation? text) && text.ConstantValue is not { HasValue: true })
            {
                // IPAddress.Parse(options.Ip) with Ip = "127.0.0.1" set elsewhere: the text is where the loopback is chosen.
                System.Collections.Generic.List<IOperation> texts = ValueFlow.Origins(text, context.Compilation);
                foreach (IOperation textOrigin in texts)
                {
                    if (LoopbackText(textOrigin) is { } textFamily && !FamilyBranch.IsInFamilyCheckedArm(textOrigin))
                    {
                        Report(textOrigin, textFamily, texts.Exists(candidate => LoopbackText(candidate) == Other(textFamily)));
                    }
                }
            }
        }

        void Report(IOperation origin, string family, bool choosesOtherToo)
        {
            if (choosesOtherToo || type.OpensOtherSocketNaming(sink.Operation.Syntax, sameMember: true, "IPAddress." + Other(family))
                || MemberFacts.Around(sink.Operation.Syntax).SpellsLoopbackText(Other(family))
                || ClientLoopbacks(sink.Operation.Syntax).Contains(family))
            {
                return;
            }

            reporter.ReportAtOrigin(context.ReportDiagnostic, origin, sink.Operation, sink.Operation.Syntax.GetLocation(),
                family == IPv4Loopback ? "IPAddress.Loopback (127.0.0.1)" : "IPAddress.IPv6Loopback (::1)", FlowReporter.Describe(sink.Operation));
        }
    }

    private static string Other(string family) => family == IPv4Loopback ? IPv6Loopback : IPv4Loopback;

    // "127.0.0.1" or "::1" as text that IPAddress.Parse reads.
    private static string? LoopbackText(IOperation origin) => origin.ConstantValue switch
    {
        { HasValue: true, Value: "127.0.0.1" } => IPv4Loopback,
        { HasValue: true, Value: "::1" } => IPv6Loopback,
        _ => null,
    };

    // The loopbacks the type's own clients connect to by address (new TcpClient("127.0.0.1", port),
    // client.Connect(IPAddress.Loopback, port)): a listener on that loopback is what they reach, and no resolver stands
    // between them to prefer the other family. Found from where the type's text spells one of the four first arguments
    // (the rule compares the argument's text, so the text finds every candidate), one token lookup each, rather than by
    // a walk of the whole type.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, System.Collections.Generic.HashSet<string>> ClientLoopbacksByType = new();

    private static readonly (string Text, string Family)[] ClientLoopbackArguments =
    [
        ("\"127.0.0.1\"", IPv4Loopback), ("IPAddress.Loopback", IPv4Loopback), ("\"::1\"", IPv6Loopback), ("IPAddress.IPv6Loopback", IPv6Loopback),
    ];

    private static System.Collections.Generic.HashSet<string> ClientLoopbacks(SyntaxNode sink)
    {
        if (sink.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>() is not { } type)
        {
            return [];
        }

        return ClientLoopbacksByType.GetValue(type, static declaration =>
        {
            var loopbacks = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
            SpanText text = SpanText.Of(declaration);
            foreach ((string argument, string family) in ClientLoopbackArguments)
            {
                for (int at = text.IndexOf(argument); at >= 0 && !loopbacks.Contains(family); at = text.IndexOf(argument, at + 1))
                {
                    var span = new Microsoft.CodeAnalysis.Text.TextSpan(at, argument.Length);
                    SyntaxNode? expression = declaration.FindToken(span.Start).Parent;
                    while (expression is not null && expression.Span.Start == span.Start && expression.Span.End < span.End)
                    {
                        expression = expression.Parent;
                    }

                    if (expression is not null && expression.Span == span && IsFirstArgumentOfAClient(expression))
                    {
                        loopbacks.Add(family);
                    }
                }
            }

            return loopbacks;
        });
    }

    // new TcpClient(first, port), new UdpClient(first, port), x.Connect(first, port) (and ConnectAsync, BeginConnect).
    private static bool IsFirstArgumentOfAClient(SyntaxNode expression) =>
        expression.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentListSyntax { Arguments.Count: >= 2 } arguments } argument
        && arguments.Arguments[0] == argument
        && arguments.Parent switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax { Type: var created } => created.ToString() is "TcpClient" or "UdpClient",
            Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Connect" or "ConnectAsync" or "BeginConnect" } } => true,
            _ => false,
        };

    // socket.Bind(new IPEndPoint(IPAddress.Loopback, 0)); socket.Connect(server): a client choosing the side it leaves
    // from, not a listener that clients must find.
    private static bool IsConnectedClient(IOperation sink)
    {
        string? holder = sink switch
        {
            IInvocationOperation { Instance: { } socket } => socket.Syntax.ToString(),
            IObjectCreationOperation { Parent: IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } } => declarator.Symbol.Name,
            IObjectCreationOperation { Parent: ISimpleAssignmentOperation { Target: { } target } } => target.Syntax.ToString(),
            _ => null,
        };
        return holder is not null && MemberFacts.Around(sink.Syntax).Connects(holder);
    }

    // What one member says that DSG0006 asks at every sink in it, found once per member: the loopback literals
    // it spells (IPAddress.Parse("::1") next to IPAddress.Parse("127.0.0.1") opens both loopbacks) and the receivers it
    // connects. A question per sink then costs a lookup, not a scan of a member that may hold thousands of statements.
    private sealed class MemberFacts
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxNode, MemberFacts> ByMember = new();
        private static readonly MemberFacts None = new(null);

        private readonly System.Collections.Generic.HashSet<string> _connected = new(System.StringComparer.Ordinal);
        private readonly bool _spellsIPv4Text;
        private readonly bool _spellsIPv6Text;

        // Found from where the member's text spells "127.0.0.1", "::1" and "Connect", one token lookup each: a walk of
        // every node of the member cost more than the rule's questions.
        private MemberFacts(SyntaxNode? member)
        {
            if (member is null)
            {
                return;
            }

            SpanText text = SpanText.Of(member);
            _spellsIPv4Text = SpellsLiteral(member, text, "127.0.0.1");
            _spellsIPv6Text = SpellsLiteral(member, text, "::1");
            for (int at = text.IndexOf("Connect"); at >= 0; at = text.IndexOf("Connect", at + 1))
            {
                if (member.FindToken(at) is { ValueText: "Connect" or "ConnectAsync" or "BeginConnect", Parent: Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax name }
                    && name.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call } access
                    && access.Name == name && call.Expression == access)
                {
                    _connected.Add(access.Expression.ToString());
                }
            }
        }

        private static bool SpellsLiteral(SyntaxNode member, SpanText text, string value)
        {
            for (int at = text.IndexOf(value); at >= 0; at = text.IndexOf(value, at + 1))
            {
                if (member.FindToken(at) is { ValueText: var literal, Parent: Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax } && literal == value)
                {
                    return true;
                }
            }

            return false;
        }

        public static MemberFacts Around(SyntaxNode sink) =>
            sink.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>() is { } member
                ? ByMember.GetValue(member, static node => new MemberFacts(node))
                : None;

        public bool Connects(string receiver) => _connected.Contains(receiver);

        public bool SpellsLoopbackText(string family) => family == IPv4Loopback ? _spellsIPv4Text : _spellsIPv6Text;
    }

    // One listener per collected endpoint: the member that chose this loopback also chose the other for the same
    // listeners (a builder's ListenLocalhost adding both). A loopback chosen alone elsewhere (a "localhost" keyword
    // mapped to IPAddress.Loopback) stays a finding even when another member of the same collection adds both.
    private static bool ChoosesOtherLoopbackToo(IOperation origin, System.Collections.Generic.List<IOperation> origins, string other, DualStackSymbols symbols)
    {
        SyntaxNode member = OperationFlow.Root(origin).Syntax;
        return origins.Exists(candidate => OperationFlow.Root(candidate).Syntax == member && symbols.IsLoopback(candidate, other));
    }
}
