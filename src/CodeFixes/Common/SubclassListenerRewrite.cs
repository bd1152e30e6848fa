using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Generator.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.CodeFixes.Common;

/// <summary>
/// A <c>UdpClient</c> or <c>TcpListener</c> subclass that listens on one family through its <c>base(...)</c> becomes
/// dual-mode in its own constructor: a <c>UdpClient</c> subclass calls <c>base(AddressFamily.InterNetworkV6)</c> (which
/// binds nothing) and binds its dual-mode socket to IPv6Any first thing in the body; a <c>TcpListener</c> subclass passes
/// IPv6Any and sets <c>Server.DualMode</c>, which it may until <c>Start</c>. Offered only where the wildcard is all the
/// initializer can bind: a port alone, or the wildcard written in it.
/// </summary>
internal static class SubclassListenerRewrite
{
    public static bool TryRegister(CodeFixContext context, FixTarget target, SyntaxNode node, DualStackSymbols symbols, string ruleId)
    {
        if (node.FirstAncestorOrSelf<ConstructorInitializerSyntax>() is not { RawKind: (int)SyntaxKind.BaseConstructorInitializer, Parent: ConstructorDeclarationSyntax constructor } initializer
            || (constructor.Body is null && constructor.ExpressionBody is null)
            || target.Model.GetOperation(initializer, context.CancellationToken) is not IInvocationOperation call
            || ListenSink.From(call, symbols) is not { IsBaseInitializer: true } sink
            || PortOf(sink, symbols) is not { } port)
        {
            return false;
        }

        bool udp = sink.Kind == "UdpClient";
        if (!udp && sink.Kind != "TcpListener")
        {
            return false;
        }

        string title = udp ? ListenerRewrite.UdpTitle : OriginFix.Title;
        context.RegisterCodeFix(
            CodeAction.Create(title, cancellationToken => FixAsync(target.Document, target.Root, constructor, initializer, port.Syntax, udp, cancellationToken), ruleId),
            target.Diagnostic);
        return true;
    }

    // The port the initializer binds, when the address is the wildcard written there (or implied by a port alone).
    private static IOperation? PortOf(ListenSink sink, DualStackSymbols symbols)
    {
        if (sink.IsPortOnly || sink.Family is not null)
        {
            return sink.Port;
        }

        if (sink.Address is { } address)
        {
            return IsWildcard(address, symbols) ? sink.Port : null;
        }

        return OperationFlow.Unwrap(sink.EndPoint!) is IObjectCreationOperation { Arguments.Length: 2, Constructor: { } constructor } endPoint
            && symbols.IsIPEndPoint(endPoint.Type) && symbols.IsIPAddress(constructor.Parameters[0].Type)
            && DualStackSymbols.Argument(endPoint.Arguments, constructor.Parameters[0].Name) is { } endPointAddress && IsWildcard(endPointAddress, symbols)
            ? DualStackSymbols.Argument(endPoint.Arguments, constructor.Parameters[1].Name)
            : null;
    }

    private static bool IsWildcard(IOperation address, DualStackSymbols symbols)
    {
        IOperation value = OperationFlow.Unwrap(address);
        return symbols.IsIPv4Any(value) || symbols.IsIPv6Any(value);
    }

    private static Task<Document> FixAsync(Document document, SyntaxNode root, ConstructorDeclarationSyntax constructor, ConstructorInitializerSyntax initializer, SyntaxNode port, bool udp, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // base.Client where the subclass has a member of that name of its own.
        string socketName = udp ? "Client" : "Server";
        bool shadowed = constructor.Parent is TypeDeclarationSyntax type && type.Members.Any(member => DeclaresName(member, socketName));
        string socket = shadowed ? "base." + socketName : socketName;

        ArgumentListSyntax arguments = udp
            ? SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(FixSyntax.InterNetworkV6)))
            : SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList([SyntaxFactory.Argument(FixSyntax.IPv6Any), SyntaxFactory.Argument(((ExpressionSyntax)port).WithoutTrivia())]));
        StatementSyntax[] statements = udp
            ? [FixSyntax.Statement($"{socket}.DualMode = true;"), FixSyntax.Statement($"{socket}.Bind(new global::System.Net.IPEndPoint(global::System.Net.IPAddress.IPv6Any, {port.WithoutTrivia()}));")]
            : [FixSyntax.Statement($"{socket}.DualMode = true;")];

        statements = [.. statements.Select(statement => statement.WithTrailingTrivia(SyntaxFactory.ElasticLineFeed))];
        BlockSyntax body = constructor.Body is { } block
            ? block.WithStatements(block.Statements.InsertRange(0, statements))
            : SyntaxFactory.Block(statements.Append(SyntaxFactory.ExpressionStatement(constructor.ExpressionBody!.Expression)));
        ConstructorDeclarationSyntax updated = constructor
            .WithInitializer(initializer.WithArgumentList(arguments.WithTriviaFrom(initializer.ArgumentList)))
            .WithBody(body.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation))
            .WithExpressionBody(null)
            .WithSemicolonToken(default);
        if (constructor.ExpressionBody is not null)
        {
            // The expression body's semicolon carried the line end.
            updated = updated.WithTrailingTrivia(constructor.SemicolonToken.TrailingTrivia);
        }

        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(constructor, updated)));
    }

    private static bool DeclaresName(MemberDeclarationSyntax member, string name) => member switch
    {
        PropertyDeclarationSyntax property => property.Identifier.ValueText == name,
        FieldDeclarationSyntax field => field.Declaration.Variables.Any(variable => variable.Identifier.ValueText == name),
        MethodDeclarationSyntax method => method.Identifier.ValueText == name,
        _ => false,
    };
}
