using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DualStackGen.Generator.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.CodeFixes.Common;

/// <summary>
/// Turns an IPv4 <c>Socket</c> or <c>UdpClient</c> created in a method into an IPv6 dual-mode one: the family becomes
/// InterNetworkV6, <c>DualMode = true</c> is set in an object initializer (before any bind), and the IPv4 wildcard in
/// that socket's binds in the same method becomes <c>IPAddress.IPv6Any</c>.
/// </summary>
internal static class DualModeSocketRewrite
{
    public static void Apply(DocumentEditor editor, SemanticModel model, DualStackSymbols symbols, BaseObjectCreationExpressionSyntax creation, bool setDualMode, CancellationToken cancellationToken)
    {
        if (model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation operation)
        {
            return;
        }

        bool isUdpClient = SymbolEqualityComparer.Default.Equals(operation.Type, symbols.UdpClient);
        bool alreadyDualMode = creation.Initializer?.ToString().Contains("DualMode") == true;
        editor.ReplaceNode(creation, (current, _) =>
        {
            var rewritten = (BaseObjectCreationExpressionSyntax)current;
            foreach (IArgumentOperation argument in operation.Arguments)
            {
                if (symbols.IsInterNetwork(argument.Value) && argument.Syntax is ArgumentSyntax argumentSyntax)
                {
                    ArgumentSyntax currentArgument = rewritten.ArgumentList!.Arguments[creation.ArgumentList!.Arguments.IndexOf(argumentSyntax)];
                    rewritten = rewritten.ReplaceNode(currentArgument.Expression, FixSyntax.InterNetworkV6.WithTriviaFrom(currentArgument.Expression));
                }
            }

            return setDualMode && !alreadyDualMode ? WithDualMode(rewritten, isUdpClient) : rewritten;
        });

        ISymbol? holder = HolderOf(operation);
        if (holder is null)
        {
            return;
        }

        foreach (IOperation wildcard in IPv4WildcardsBoundBy(holder, OperationFlow.Root(operation), symbols).Distinct())
        {
            editor.ReplaceNode(wildcard.Syntax, FixSyntax.IPv6Any.WithTriviaFrom(wildcard.Syntax));
        }
    }

    /// <summary>
    /// Replaces <c>new Socket(family, type, protocol)</c> with the runtime's <c>DualStack.CreateSocket(type, protocol)</c>, and
    /// the IPv4 wildcard of its binds in the method with <c>DualStack.AnyAddress</c> (which falls back where the OS has no
    /// dual-stack sockets).
    /// </summary>
    /// <returns>Whether the creation has the shape the helper replaces.</returns>
    public static bool TryApplyRuntime(DocumentEditor editor, SemanticModel model, DualStackSymbols symbols, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        if (creation.Initializer is not null || model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation { Arguments.Length: 3 } operation
            || !symbols.IsSocket(operation.Type) || !SymbolEqualityComparer.Default.Equals(operation.Arguments[0].Parameter?.Type, symbols.AddressFamily))
        {
            return false;
        }

        editor.ReplaceNode(creation, FixSyntax.Expression(
            $"global::DualStackGen.DualStack.CreateSocket({operation.Arguments[1].Value.Syntax}, {operation.Arguments[2].Value.Syntax})").WithTriviaFrom(creation));
        if (HolderOf(operation) is { } holder)
        {
            foreach (IOperation wildcard in IPv4WildcardsBoundBy(holder, OperationFlow.Root(operation), symbols).Distinct())
            {
                editor.ReplaceNode(wildcard.Syntax, FixSyntax.Expression("global::DualStackGen.DualStack.AnyAddress").WithTriviaFrom(wildcard.Syntax));
            }
        }

        return true;
    }

    /// <summary>The local, field or property the created socket is stored in.</summary>
    public static ISymbol? HolderOf(IOperation creation)
    {
        IOperation value = creation;
        while (value.Parent is IConversionOperation conversion)
        {
            value = conversion;
        }

        return value.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            IVariableInitializerOperation { Parent: IVariableDeclarationOperation declaration } when declaration.Declarators.Length == 1 => declaration.Declarators[0].Symbol,
            ISimpleAssignmentOperation assignment => OperationFlow.ReferencedSymbol(assignment.Target),
            _ => null,
        };
    }

    /// <summary>
    /// Whether the rewrite leaves the socket IPv6: every family it is given is written as a constant (InterNetwork becomes
    /// InterNetworkV6). A family read from an address (<c>IPAddress.Any.AddressFamily</c>) stays what it is, and
    /// <c>DualMode = true</c> on an IPv4 socket throws.
    /// </summary>
    public static bool LeavesIPv6(BaseObjectCreationExpressionSyntax creation, SemanticModel model, DualStackSymbols symbols, CancellationToken cancellationToken) =>
        model.GetOperation(creation, cancellationToken) is IObjectCreationOperation operation
        && operation.Arguments.All(argument => !SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, symbols.AddressFamily) || argument.Value.ConstantValue.HasValue);

    /// <summary>The <c>new Socket(...)</c> or <c>new UdpClient(...)</c> in the method that <paramref name="socket"/> holds, if there is exactly one.</summary>
    public static BaseObjectCreationExpressionSyntax? FindCreation(IOperation socket, DualStackSymbols symbols)
    {
        var creations = new List<IOperation>();
        bool allCreations = OperationFlow.AllOrigins(socket, origin =>
        {
            creations.Add(origin);
            return origin is IObjectCreationOperation creation && (symbols.IsSocket(creation.Type) || SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient));
        });
        if (allCreations && creations.Count == 1)
        {
            return creations[0].Syntax as BaseObjectCreationExpressionSyntax;
        }

        if (OperationFlow.ReferencedSymbol(socket) is { } holder)
        {
            var assigned = OperationFlow.Root(socket).Descendants()
                .OfType<IObjectCreationOperation>()
                .Where(creation => (symbols.IsSocket(creation.Type) || SymbolEqualityComparer.Default.Equals(creation.Type, symbols.UdpClient)) && SymbolEqualityComparer.Default.Equals(HolderOf(creation), holder))
                .ToList();
            return assigned.Count == 1 ? assigned[0].Syntax as BaseObjectCreationExpressionSyntax : null;
        }

        return null;
    }

    private static IEnumerable<IOperation> IPv4WildcardsBoundBy(ISymbol holder, IOperation root, DualStackSymbols symbols)
    {
        foreach (IInvocationOperation bind in root.Descendants().OfType<IInvocationOperation>())
        {
            if (bind.TargetMethod.Name != "Bind" || !symbols.IsSocket(bind.TargetMethod.ContainingType) || bind.Arguments.Length != 1
                || SocketReference.From(bind.Instance) is not { } reference || !SymbolEqualityComparer.Default.Equals(reference.Holder, holder))
            {
                continue;
            }

            var endPoints = new List<IOperation>();
            OperationFlow.AllOrigins(bind.Arguments[0].Value, origin =>
            {
                endPoints.Add(origin);
                return true;
            });
            foreach (IObjectCreationOperation endPoint in endPoints.OfType<IObjectCreationOperation>().Where(e => symbols.IsIPEndPoint(e.Type) && e.Arguments.Length == 2))
            {
                var addresses = new List<IOperation>();
                OperationFlow.AllOrigins(endPoint.Arguments[0].Value, origin =>
                {
                    addresses.Add(origin);
                    return true;
                });
                // new IPEndPoint(0, port) names 0.0.0.0 as a number; IPv6Any in its place picks the (IPAddress, int) constructor.
                bool numeric = endPoint.Constructor?.Parameters[0].Type.SpecialType == SpecialType.System_Int64;
                foreach (IOperation address in addresses.Where(a => symbols.IsIPv4Any(a) || (numeric && a.ConstantValue is { HasValue: true, Value: 0L or 0 })))
                {
                    yield return address;
                }
            }
        }
    }

    private static BaseObjectCreationExpressionSyntax WithDualMode(BaseObjectCreationExpressionSyntax creation, bool isUdpClient)
    {
        string assignment = isUdpClient ? "Client = { DualMode = true }" : "DualMode = true";
        InitializerExpressionSyntax initializer;
        if (creation.Initializer is { } existing)
        {
            initializer = existing.AddExpressions(SyntaxFactory.ParseExpression(assignment)).WithAdditionalAnnotations(Formatter.Annotation);
        }
        else
        {
            initializer = ((ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression("new T() { " + assignment + " }")).Initializer!.WithLeadingTrivia(SyntaxFactory.Space);
            if (creation.ArgumentList is { } arguments)
            {
                creation = creation.WithArgumentList(arguments.WithoutTrailingTrivia());
            }
        }

        return creation.WithInitializer(initializer).WithTriviaFrom(creation);
    }
}
