using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Endpoints and addresses as a socket reports them — possibly IPv4-mapped on a dual-stack socket: <c>Socket.RemoteEndPoint</c>,
/// <c>Socket.LocalEndPoint</c> (also through <c>TcpClient.Client</c> and accepted sockets), the endpoint of a receive result, and
/// the endpoint a <c>ReceiveFrom</c>/<c>UdpClient.Receive</c> fills in. A value that went through anything else (MapToIPv4,
/// EndPointNormalization, a DualStackGen type) is not such a source.
/// </summary>
internal sealed class SocketAddressSources
{
    private readonly DualStackSymbols _symbols;

    public SocketAddressSources(DualStackSymbols symbols) => _symbols = symbols;

    /// <summary>Whether every value of <paramref name="address"/> is the address of an endpoint a socket reported.</summary>
    public bool IsSocketAddress(IOperation address) => OperationFlow.AllOrigins(address, origin =>
        origin is IPropertyReferenceOperation { Property.Name: "Address", Instance: { } endPoint } property
        && _symbols.IsIPEndPoint(property.Property.ContainingType)
        && IsSocketEndPoint(endPoint));

    /// <summary>Whether every value of <paramref name="endPoint"/> is an endpoint a socket reported.</summary>
    /// <remarks>A variable passed by <c>ref</c> to a receive call holds the sender afterwards, whatever it was initialized with.</remarks>
    public bool IsSocketEndPoint(IOperation endPoint) =>
        OperationFlow.AllOrigins(endPoint, IsEndPointSource)
        || OperationFlow.AnyOrigin(endPoint, origin => origin is IArgumentOperation && IsEndPointSource(origin));

    private bool IsEndPointSource(IOperation origin)
    {
        switch (origin)
        {
            case IPropertyReferenceOperation { Property.Name: "RemoteEndPoint" or "LocalEndPoint" } property:
                INamedTypeSymbol owner = property.Property.ContainingType;
                return _symbols.IsSocket(owner)
                    || SymbolEqualityComparer.Default.Equals(owner, _symbols.UdpReceiveResult)
                    || SymbolEqualityComparer.Default.Equals(owner, _symbols.SocketReceiveFromResult)
                    || SymbolEqualityComparer.Default.Equals(owner, _symbols.SocketReceiveMessageFromResult);
            case IArgumentOperation { Parent: IInvocationOperation receive }:
                return (receive.TargetMethod.Name is "ReceiveFrom" or "ReceiveMessageFrom" or "EndReceiveFrom" or "EndReceiveMessageFrom" && _symbols.IsSocket(receive.TargetMethod.ContainingType))
                    || (receive.TargetMethod.Name == "Receive" && SymbolEqualityComparer.Default.Equals(receive.TargetMethod.ContainingType, _symbols.UdpClient));
            default:
                return false;
        }
    }
}
