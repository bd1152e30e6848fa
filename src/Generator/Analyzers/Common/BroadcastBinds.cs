using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// The sockets a type binds to an address that some caller gives as <c>IPAddress.Broadcast</c>
/// (<c>_socket.Bind(_endPoint)</c>, the endpoint built from a constructor's address): broadcast responders whose address
/// their caller chooses. Found once per type and compilation, from where the type's text spells "Bind", so a type of
/// thousands of sockets costs one pass over its binds, not one per socket.
/// </summary>
internal sealed class BroadcastBinds
{
    private static readonly ConditionalWeakTable<Compilation, BroadcastBinds> ByCompilation = new();

    private readonly ConcurrentDictionary<SyntaxNode, HashSet<ISymbol>> _socketsByType = new();

    /// <summary>Whether <paramref name="socket"/> (the local or field holding it) is bound, in <paramref name="type"/>, to an address that is <c>IPAddress.Broadcast</c> on some path.</summary>
    public static bool Contains(ISymbol socket, TypeDeclarationSyntax type, SemanticModel model, Compilation compilation, DualStackSymbols symbols) =>
        ByCompilation.GetValue(compilation, static _ => new BroadcastBinds())._socketsByType
            .GetOrAdd(type, declaration => Find((TypeDeclarationSyntax)declaration, model, compilation, symbols))
            .Contains(socket);

    private static HashSet<ISymbol> Find(TypeDeclarationSyntax type, SemanticModel model, Compilation compilation, DualStackSymbols symbols)
    {
        var sockets = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        SpanText text = SpanText.Of(type);
        for (int at = text.IndexOf("Bind"); at >= 0; at = text.IndexOf("Bind", at + 1))
        {
            if (type.FindToken(at) is { ValueText: "Bind", Parent: SimpleNameSyntax name }
                && name.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } access
                && access.Name == name
                && model.GetOperation(call) is IInvocationOperation { Instance: { } bound } bind
                && OperationFlow.ReferencedSymbol(OperationFlow.Unwrap(bound)) is { } socket
                && ListenSink.From(bind, symbols) is { } sink
                && sink.AddressOrigins(compilation, symbols).Exists(symbols.IsBroadcastAddress))
            {
                sockets.Add(socket);
            }
        }

        return sockets;
    }
}
