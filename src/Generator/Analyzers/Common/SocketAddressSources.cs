using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Endpoints and addresses as a socket reports them — possibly IPv4-mapped on a dual-stack socket: <c>Socket.RemoteEndPoint</c>,
/// <c>Socket.LocalEndPoint</c> (also through <c>TcpClient.Client</c> and accepted sockets), the endpoint of a receive result, and
/// the endpoint a <c>ReceiveFrom</c>/<c>UdpClient.Receive</c> fills in — followed across the compilation (a request object's
/// property, a parameter). A value that went through a normalization on some path (MapToIPv4, EndPointNormalization, a
/// DualStackGen type) is not such a source; nor is the local endpoint of a socket created <c>InterNetwork</c>.
/// </summary>
internal sealed class SocketAddressSources
{
    private readonly DualStackSymbols _symbols;
    private readonly Compilation _compilation;

    public SocketAddressSources(DualStackSymbols symbols, Compilation compilation)
    {
        _symbols = symbols;
        _compilation = compilation;
    }

    /// <summary>Whether some value of <paramref name="address"/> is the address of an endpoint a socket reported, and none was normalized.</summary>
    public bool IsSocketAddress(IOperation address)
    {
        List<IOperation> origins = ValueFlow.Origins(address, _compilation);
        return !origins.Exists(IsNormalization) && origins.Exists(origin =>
            origin is IPropertyReferenceOperation { Property.Name: "Address", Instance: { } endPoint } property
            && _symbols.IsIPEndPoint(property.Property.ContainingType)
            && IsSocketEndPoint(endPoint));
    }

    /// <summary>Whether some value of <paramref name="endPoint"/> is an endpoint a socket reported, and none was normalized.</summary>
    /// <remarks>A variable passed by <c>ref</c> to a receive call holds the sender afterwards, whatever it was initialized with.</remarks>
    public bool IsSocketEndPoint(IOperation endPoint)
    {
        List<IOperation> origins = ValueFlow.Origins(endPoint, _compilation);
        return !origins.Exists(IsNormalization) && origins.Exists(IsEndPointSource);
    }

    private static bool IsNormalization(IOperation origin) => origin is IInvocationOperation invocation
        && (invocation.TargetMethod.Name is "MapToIPv4" or "Normalize"
            || invocation.TargetMethod.ContainingNamespace?.ToDisplayString() == "DualStackGen");

    private bool IsEndPointSource(IOperation origin)
    {
        switch (origin)
        {
            case IPropertyReferenceOperation { Property.Name: "RemoteEndPoint" or "LocalEndPoint" } property:
                INamedTypeSymbol owner = property.Property.ContainingType;
                if (_symbols.IsSocket(owner))
                {
                    return property.Instance is null || (property.Property.Name == "RemoteEndPoint" ? !IsSingleFamilySocket(property.Instance) : !IsIPv4Socket(property.Instance));
                }

                return SymbolEqualityComparer.Default.Equals(owner, _symbols.UdpReceiveResult)
                    || SymbolEqualityComparer.Default.Equals(owner, _symbols.SocketReceiveFromResult)
                    || SymbolEqualityComparer.Default.Equals(owner, _symbols.SocketReceiveMessageFromResult);
            case IArgumentOperation { Parent: IInvocationOperation receive }:
                return (receive.TargetMethod.Name is "ReceiveFrom" or "ReceiveMessageFrom" or "EndReceiveFrom" or "EndReceiveMessageFrom" && _symbols.IsSocket(receive.TargetMethod.ContainingType)
                        && (receive.Instance is null || !IsSingleFamilySocket(receive.Instance)))
                    || (receive.TargetMethod.Name == "Receive" && SymbolEqualityComparer.Default.Equals(receive.TargetMethod.ContainingType, _symbols.UdpClient));
            default:
                return false;
        }
    }

    // A socket created AF_INET, or AF_INET6 in a type that never sets DualMode = true (.NET creates it IPv6-only), only
    // ever sees peers of its own family: a game transport with one socket per family has no mapped peers to unwrap.
    private bool IsSingleFamilySocket(IOperation socket)
    {
        List<IOperation> origins = ValueFlow.Origins(socket, _compilation);
        return origins.Count > 0 && origins.TrueForAll(origin =>
            origin is IObjectCreationOperation { Arguments.Length: 3 } creation && _symbols.IsSocket(creation.Type)
            && (_symbols.IsInterNetwork(creation.Arguments[0].Value)
                || (_symbols.IsInterNetworkV6(creation.Arguments[0].Value) && !TypeSyntaxFacts.Around(creation.Syntax).SetsDualMode)));
    }

    // An AF_INET socket's own address is a plain IPv4 address: there is no mapped form to unwrap.
    private bool IsIPv4Socket(IOperation socket)
    {
        List<IOperation> origins = ValueFlow.Origins(socket, _compilation);
        return origins.Count > 0 && origins.TrueForAll(origin =>
            origin is IObjectCreationOperation { Arguments.Length: 3 } creation && _symbols.IsSocket(creation.Type) && _symbols.IsInterNetwork(creation.Arguments[0].Value));
    }
}
