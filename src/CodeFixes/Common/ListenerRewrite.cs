using System.Linq;
using System.Threading;
using DualStackGen.Generator.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.CodeFixes.Common;

/// <summary>
/// Rewrites of a <c>TcpListener</c> or <c>UdpClient</c> constructor that listens on one family into a dual-stack one:
/// <c>TcpListener.Create(port)</c> or the runtime's <c>DualStack.CreateTcpListener/CreateUdpClient(port)</c>, or — for a
/// <c>UdpClient</c> without the runtime — a dual-mode client bound to IPv6Any in the next statement.
/// </summary>
internal static class ListenerRewrite
{
    public const string RuntimeTcpTitle = "Use DualStack.CreateTcpListener";
    public const string TcpTitle = "Use TcpListener.Create (dual-mode)";
    public const string RuntimeUdpTitle = "Use DualStack.CreateUdpClient";
    public const string UdpTitle = "Use a dual-mode UdpClient bound to IPv6Any";

    /// <summary>The equivalence-key suffix of the fixes that call DualStackGen.Runtime, so FixAll keeps the two kinds apart.</summary>
    public const string RuntimeVariant = ".Runtime";

    /// <summary>Registers the fixes that apply to <paramref name="creation"/>, the runtime's first when the project references it.</summary>
    public static void RegisterFixes(CodeFixContext context, FixTarget target, BaseObjectCreationExpressionSyntax creation, DualStackSymbols symbols, string ruleId)
    {
        (Diagnostic diagnostic, SemanticModel model) = (target.Diagnostic, target.Model);
        if (creation.Initializer is not null || model.GetOperation(creation, context.CancellationToken) is not IObjectCreationOperation operation
            || PortOf(operation, symbols) is not { } port)
        {
            return;
        }

        bool runtime = FixSyntax.HasRuntime(model.Compilation);
        Document document = target.Document;
        if (SymbolEqualityComparer.Default.Equals(operation.Type, symbols.TcpListener))
        {
            if (runtime)
            {
                context.RegisterCodeFix(Action(RuntimeTcpTitle, ruleId + RuntimeVariant, document, creation, $"global::DualStackGen.DualStack.CreateTcpListener({port})"), diagnostic);
            }

            context.RegisterCodeFix(Action(TcpTitle, ruleId, document, creation, $"global::System.Net.Sockets.TcpListener.Create({port})"), diagnostic);
            return;
        }

        if (runtime)
        {
            context.RegisterCodeFix(Action(RuntimeUdpTitle, ruleId + RuntimeVariant, document, creation, $"global::DualStackGen.DualStack.CreateUdpClient({port})"), diagnostic);
        }

        if (StatementHolding(creation) is { } holding)
        {
            context.RegisterCodeFix(
                Microsoft.CodeAnalysis.CodeActions.CodeAction.Create(
                    UdpTitle,
                    cancellationToken => BindDualModeUdpClientAsync(document, creation, holding.Statement, holding.Client, port, cancellationToken),
                    ruleId),
                diagnostic);
        }
        else if (creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type && CanCallHelper(type, model))
        {
            // No statement to bind in (an expression body, an initializer, an argument, a lambda): a helper method in the
            // type does the two steps, and every such creation in the type shares it.
            context.RegisterCodeFix(
                Microsoft.CodeAnalysis.CodeActions.CodeAction.Create(
                    UdpTitle,
                    cancellationToken => CallUdpHelperAsync(document, creation, type, port, cancellationToken),
                    ruleId),
                diagnostic);
        }
    }

    /// <summary>
    /// Whether the wildcard (<c>IPAddress.Any</c>, or <c>IPv6Any</c> when <paramref name="ipv6"/>) is every address the
    /// listener can be given, across the compilation: <c>TcpListener.Create(port)</c> and the dual-mode client listen on
    /// every address, which is right only then. A port-only or port-and-family constructor has no address to lose.
    /// </summary>
    public static bool WildcardIsAllItCanBe(IObjectCreationOperation creation, Compilation compilation, DualStackSymbols symbols, bool ipv6)
    {
        if (ListenSink.From(creation, symbols) is not { } sink)
        {
            return false;
        }

        if (sink.Address is null && sink.EndPoint is null)
        {
            return true;
        }

        System.Collections.Generic.List<IOperation> origins = sink.AddressOrigins(compilation, symbols);
        return origins.Count > 0 && origins.TrueForAll(origin => ipv6 ? symbols.IsIPv6Any(origin) : symbols.IsIPv4Any(origin));
    }

    /// <summary>The name of the helper a fix adds to a type for a <c>UdpClient</c> created outside any statement.</summary>
    public const string UdpHelperName = "CreateDualModeUdpClient";

    private static bool CanCallHelper(TypeDeclarationSyntax type, SemanticModel model) =>
        type is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax
        && model.GetDeclaredSymbol(type) is INamedTypeSymbol symbol
        && symbol.GetMembers(UdpHelperName).All(member => member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method && method.Parameters[0].Type.SpecialType == SpecialType.System_Int32);

    private static async System.Threading.Tasks.Task<Document> CallUdpHelperAsync(Document document, BaseObjectCreationExpressionSyntax creation, TypeDeclarationSyntax type, string port, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(creation, FixSyntax.Expression($"{UdpHelperName}({port})").WithTriviaFrom(creation));
        bool declared = type.Members.OfType<MethodDeclarationSyntax>().Any(method => method.Identifier.Text == UdpHelperName);
        if (!declared)
        {
            var helper = (MemberDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration($$"""
                private static global::System.Net.Sockets.UdpClient {{UdpHelperName}}(int port)
                {
                    var client = new global::System.Net.Sockets.UdpClient(global::System.Net.Sockets.AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                    client.Client.Bind(new global::System.Net.IPEndPoint(global::System.Net.IPAddress.IPv6Any, port));
                    return client;
                }
                """)!;
            SyntaxTrivia newLine = type.SyntaxTree.GetText(cancellationToken).ToString().Contains("\r\n") ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
            editor.AddMember(type, Annotated(helper).WithLeadingTrivia(newLine));
        }

        return editor.GetChangedDocument();
    }

    private static MemberDeclarationSyntax Annotated(MemberDeclarationSyntax member) =>
        member.ReplaceNodes(
                member.DescendantNodes().Where(child => child is NameSyntax or MemberAccessExpressionSyntax),
                (_, rewritten) => rewritten.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);

    /// <summary>The port the constructor listens on, as source text.</summary>
    private static string? PortOf(IObjectCreationOperation creation, DualStackSymbols symbols)
    {
        var parameters = creation.Constructor!.Parameters;
        if (parameters.Length >= 1 && parameters[0].Type.SpecialType == SpecialType.System_Int32)
        {
            return creation.Arguments[0].Value.Syntax.ToString();
        }

        if (parameters.Length == 2 && symbols.IsIPAddress(parameters[0].Type))
        {
            return DualStackSymbols.Argument(creation.Arguments, parameters[1].Name)?.Syntax.ToString();
        }

        if (parameters.Length == 1 && symbols.IsIPEndPoint(parameters[0].Type))
        {
            IOperation endPoint = OperationFlow.Unwrap(creation.Arguments[0].Value);
            return endPoint is IObjectCreationOperation { Arguments.Length: 2 } inline && symbols.IsIPEndPoint(inline.Type)
                ? inline.Arguments[1].Value.Syntax.ToString()
                : endPoint.Syntax is ExpressionSyntax expression ? $"{FixSyntax.Operand(expression)}.Port" : $"({endPoint.Syntax}).Port";
        }

        return null;
    }

    /// <summary>The statement a <c>new UdpClient(...)</c> is stored by (a declaration or an assignment), and the expression naming the client.</summary>
    private static (StatementSyntax Statement, string Client)? StatementHolding(BaseObjectCreationExpressionSyntax creation)
    {
        return creation.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax statement } } declarator }
                when IsInBlock(statement) => (statement, declarator.Identifier.Text),
            AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } assignment when IsInBlock(statement) => (statement, assignment.Left.ToString()),
            _ => null,
        };
    }

    private static bool IsInBlock(StatementSyntax statement) => statement.Parent is BlockSyntax or GlobalStatementSyntax;

    private static async System.Threading.Tasks.Task<Document> BindDualModeUdpClientAsync(Document document, BaseObjectCreationExpressionSyntax creation, StatementSyntax statement, string client, string port, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(creation, FixSyntax.Expression(
            "new global::System.Net.Sockets.UdpClient(global::System.Net.Sockets.AddressFamily.InterNetworkV6) { Client = { DualMode = true } }").WithTriviaFrom(creation));
        StatementSyntax bind = FixSyntax.Statement($"{client}.Client.Bind(new global::System.Net.IPEndPoint(global::System.Net.IPAddress.IPv6Any, {port}));")
            .WithLeadingTrivia(statement.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(statement.GetTrailingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)));
        if (statement.Parent is GlobalStatementSyntax global)
        {
            editor.InsertAfter(global, SyntaxFactory.GlobalStatement(bind));
        }
        else
        {
            editor.InsertAfter(statement, bind);
        }

        return editor.GetChangedDocument();
    }

    private static Microsoft.CodeAnalysis.CodeActions.CodeAction Action(string title, string equivalenceKey, Document document, BaseObjectCreationExpressionSyntax creation, string replacement) =>
        Microsoft.CodeAnalysis.CodeActions.CodeAction.Create(
            title,
            async cancellationToken =>
            {
                SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
                Document changed = document.WithSyntaxRoot(root.ReplaceNode(creation, FixSyntax.Expression(replacement).WithTriviaFrom(creation)));
                return replacement.Contains("DualStackGen") ? await FixSyntax.AddImportsAsync(changed, cancellationToken).ConfigureAwait(false) : changed;
            },
            equivalenceKey);
}
