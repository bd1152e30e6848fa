using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.CodeFixes.Common;
using DualStackGen.Generator.Analyzers;
using DualStackGen.Generator.Analyzers.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace DualStackGen.CodeFixes;

/// <summary>
/// DSG0003: in <c>[TcpServer("")]</c>/<c>[UdpServer("")]</c> the host becomes <c>"::"</c> with <c>Mode = ListenMode.DualStack</c>;
/// a literal <c>""</c> given to a resolve API becomes <c>"::"</c>; a host that can be empty is wrapped in a guard that maps
/// the empty host to <c>"::"</c> (any address, served dual-stack by a dual-mode socket).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnguardedEmptyHostCodeFixProvider))]
public sealed class UnguardedEmptyHostCodeFixProvider : DualStackCodeFixProvider
{
    private const string AttributeTitle = "Listen on \"::\" in DualStack mode";
    private const string LiteralTitle = "Use \"::\" (any address)";
    private const string GuardTitle = "Map an empty host to \"::\" (any address)";

    /// <summary>Creates the fixer.</summary>
    public UnguardedEmptyHostCodeFixProvider()
        : base(DiagnosticIds.UnguardedEmptyHost)
    {
    }

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, FixTarget target, DualStackSymbols symbols)
    {
        (Diagnostic diagnostic, SyntaxNode root, SemanticModel model) = (target.Diagnostic, target.Root, target.Model);
        SyntaxNode node = root.FindNode(target.Span, getInnermostNodeForTie: true);
        if (diagnostic.Properties.ContainsKey(UnguardedEmptyHostAnalyzer.AttributeHostProperty))
        {
            if (node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is { Parent: AttributeArgumentListSyntax arguments } hostArgument)
            {
                Register(context, diagnostic, AttributeTitle, _ => Task.FromResult(target.Document.WithSyntaxRoot(root.ReplaceNode(arguments, DualStackArguments(arguments, hostArgument)))));
            }

            return;
        }

        // The guard belongs on the host the diagnostic is reported at; the listener it reaches (the sink, perhaps in
        // another document) is only named.
        Document hostDocument = target.Document;
        if (target.Origin is { SourceTree: { } originTree } origin)
        {
            hostDocument = context.Document;
            root = originTree.GetRoot(context.CancellationToken);
            node = root.FindNode(origin.SourceSpan, getInnermostNodeForTie: true);
        }

        if (node is ArgumentSyntax argument)
        {
            node = argument.Expression;
        }

        if (node is not ExpressionSyntax host)
        {
            return;
        }

        ExpressionSyntax replacement = host is LiteralExpressionSyntax
            ? FixSyntax.Expression("\"::\"")
            : FixSyntax.Expression($"string.IsNullOrEmpty({FixSyntax.Operand(host)}) ? \"::\" : {FixSyntax.Operand(host)}");
        Compilation compilation = model.Compilation;
        Register(context, diagnostic, host is LiteralExpressionSyntax ? LiteralTitle : GuardTitle,
            cancellationToken => ListenOnAnyAsync(hostDocument, host, replacement, compilation, symbols, cancellationToken));
    }

    // "::" is IPv6Any: a listener it reaches would serve IPv6 alone (DSG0009), so each one in the host's document becomes
    // dual-mode in the same step, guarded, since the host can still name an IPv4 address. Listeners out of the guard's
    // reach (a UdpClient bound on creation, another document) keep DSG0009 and its own fix.
    private static async Task<Document> ListenOnAnyAsync(Document document, ExpressionSyntax host, ExpressionSyntax replacement, Compilation compilation, DualStackSymbols symbols, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(host, replacement.WithTriviaFrom(host));
        SyntaxTree tree = host.SyntaxTree;
        if (OriginFix.GuardableListeners(compilation, tree, IsResolvedFrom, symbols, cancellationToken) is { } listeners)
        {
            OriginFix.GuardListeners(editor, listeners, cancellationToken);
        }

        return editor.GetChangedDocument();

        bool IsResolvedFrom(IOperation address) =>
            UnguardedEmptyHostAnalyzer.ResolvedHost(address, compilation, symbols) is { } resolved
            && resolved.Syntax.SyntaxTree == tree && resolved.Syntax.Span == host.Span;
    }

    private static AttributeArgumentListSyntax DualStackArguments(AttributeArgumentListSyntax arguments, AttributeArgumentSyntax hostArgument)
    {
        ExpressionSyntax dualStack = FixSyntax.Expression("global::DualStackGen.ListenMode.DualStack");
        AttributeArgumentSyntax? mode = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Mode");
        var updated = arguments.ReplaceNodes(
            new[] { hostArgument.Expression, mode?.Expression }.Where(e => e is not null).Cast<ExpressionSyntax>(),
            (original, _) => original == hostArgument.Expression
                ? SyntaxFactory.ParseExpression("\"::\"").WithTriviaFrom(original)
                : dualStack.WithTriviaFrom(original));
        if (mode is null)
        {
            updated = updated.AddArguments(SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Mode")), nameColon: null, dualStack));
        }

        return updated;
    }
}
