using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Which socket an expression names, as far as one method can tell: a local, parameter or field (<c>socket</c>), or the
/// socket of a listener or client held in one (<c>listener.Server</c>, <c>udp.Client</c>).
/// </summary>
internal readonly struct SocketReference
{
    private SocketReference(ISymbol holder, string? member)
    {
        Holder = holder;
        Member = member;
    }

    /// <summary>The local, parameter or field holding the socket or its owner.</summary>
    public ISymbol Holder { get; }

    /// <summary><c>Server</c> or <c>Client</c> when the socket belongs to a listener or client, the member's name when a wrapper holds it; otherwise <see langword="null"/>.</summary>
    public string? Member { get; }

    public static SocketReference? From(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        operation = OperationFlow.Unwrap(operation);
        if (operation is IPropertyReferenceOperation { Property.Name: "Server" or "Client", Instance: { } owner } property
            && OperationFlow.ReferencedSymbol(owner) is { } ownerSymbol)
        {
            return new SocketReference(ownerSymbol, property.Property.Name);
        }

        // A socket held by a wrapper (connection.Socket, _transport._socket): the wrapper variable and the member name it.
        if (operation is IMemberReferenceOperation { Instance: { } holder } member and (IPropertyReferenceOperation { Arguments.Length: 0 } or IFieldReferenceOperation)
            && holder is not IInstanceReferenceOperation
            && member.Type?.Name == "Socket" && OperationFlow.ReferencedSymbol(holder) is { } holderSymbol)
        {
            return new SocketReference(holderSymbol, member.Member.Name);
        }

        return OperationFlow.ReferencedSymbol(operation) is { } symbol ? new SocketReference(symbol, null) : null;
    }

    /// <summary>The socket <paramref name="member"/> (<c>Server</c>, <c>Client</c>) of the listener or client <paramref name="owner"/> holds.</summary>
    public static SocketReference? FromMember(ISymbol owner, string member) => new SocketReference(owner, member);

    /// <summary>Whether <paramref name="invocation"/> binds, listens or connects this socket (or starts/connects its owner).</summary>
    public bool IsBoundBy(IInvocationOperation invocation, DualStackSymbols symbols)
    {
        string name = invocation.TargetMethod.Name;
        if (symbols.IsSocket(invocation.TargetMethod.ContainingType) && name is "Bind" or "Listen" or "Connect" or "ConnectAsync"
            && From(invocation.Instance) is { } target && Equals(target))
        {
            return true;
        }

        return Member is "Server" or "Client" && name is "Start" or "Connect" or "ConnectAsync"
            && (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.TcpListener)
                || SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.TcpClient)
                || SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.UdpClient))
            && SymbolEqualityComparer.Default.Equals(OperationFlow.ReferencedSymbol(invocation.Instance), Holder);
    }

    /// <summary>A hash matching <see cref="Equals(SocketReference)"/>.</summary>
    public int Key => SymbolEqualityComparer.Default.GetHashCode(Holder) ^ (Member?.GetHashCode() ?? 0);

    /// <summary>Whether <paramref name="operation"/> names this same socket.</summary>
    public bool Names(IOperation? operation) => From(operation) is { } other && Equals(other);

    /// <summary>Whether <paramref name="other"/> names the same socket.</summary>
    public bool Equals(SocketReference other) =>
        SymbolEqualityComparer.Default.Equals(Holder, other.Holder) && Member == other.Member;
}
