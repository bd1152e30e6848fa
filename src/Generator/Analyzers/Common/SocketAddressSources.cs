using System.Collections.Generic;
using System.Linq;
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
    // Accepted sockets followed back to their listener; a bound keeps `s = s.Accept()` finite.
    private const int MaxAccepts = 2;

    // Listeners made on a reported address, followed to that address: one hop (a listener on a listener's address is
    // as far as real code goes, and the bound keeps a listener made on its own endpoint finite).
    private const int MaxListenerHops = 1;

    [System.ThreadStatic]
    private static int t_listenerHops;

    private readonly DualStackSymbols _symbols;
    private readonly Compilation _compilation;

    public SocketAddressSources(DualStackSymbols symbols, Compilation compilation)
    {
        _symbols = symbols;
        _compilation = compilation;
    }

    /// <summary>
    /// Whether some value of <paramref name="address"/> is the address of an endpoint a socket reported, and none was
    /// normalized; with <paramref name="anyFamily"/>, also one of a socket known to see a single family (the other side
    /// of a comparison between two peers, which compare alike whatever form the socket gives them).
    /// </summary>
    public bool IsSocketAddress(IOperation address, bool anyFamily = false)
    {
        List<IOperation> origins = ValueFlow.Origins(address, _compilation);
        return !origins.Exists(IsNormalization) && origins.Exists(origin =>
            (origin is IPropertyReferenceOperation { Property.Name: "Address", Instance: { } endPoint } property
                && _symbols.IsIPEndPoint(property.Property.ContainingType)
                && IsSocketEndPoint(endPoint, anyFamily))
            // ASP.NET Core's HttpContext.Connection.RemoteIpAddress: Kestrel listening on any address is dual-mode.
            || (origin is IPropertyReferenceOperation { Property: { Name: "RemoteIpAddress", ContainingType: { Name: "ConnectionInfo" } connection } }
                && NamespaceName.Is(connection.ContainingNamespace, "Microsoft.AspNetCore.Http"))
            // endPoint?.Address: a session's RemoteIPAddress => RemoteEndPoint?.Address.
            || (origin is IConditionalAccessOperation { Operation: { } accessed, WhenNotNull: IPropertyReferenceOperation { Property.Name: "Address" } conditional }
                && _symbols.IsIPEndPoint(conditional.Property.ContainingType)
                && IsSocketEndPoint(accessed, anyFamily)));
    }

    /// <summary>
    /// Whether some value of <paramref name="text"/> is the text of a socket-reported address (<c>address.ToString()</c>,
    /// <c>address?.ToString()</c>): <c>"::ffff:203.0.113.5"</c> for an IPv4 peer of a dual-stack socket.
    /// </summary>
    public bool IsSocketAddressText(IOperation text, bool anyFamily = false)
    {
        if (text.Type?.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        bool socketText = false;
        foreach (IOperation origin in ValueFlow.Origins(text, _compilation))
        {
            IOperation? address = origin switch
            {
                IInvocationOperation { TargetMethod.Name: "ToString", Arguments.Length: 0, Instance: { } instance } => instance,
                IConditionalAccessOperation { Operation: { } accessed, WhenNotNull: IInvocationOperation { TargetMethod.Name: "ToString", Arguments.Length: 0 } } => accessed,
                _ => null,
            };

            // ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString(): the text of a
            // normalized address, whose other arm is the address already known not to be mapped.
            if (address is not null && IsNormalization(OperationFlow.Unwrap(address)))
            {
                return false;
            }

            if (address is not null && !FamilyBranch.IsInFamilyCheckedArm(origin) && _symbols.IsIPAddress(OperationFlow.Unwrap(address).Type) && IsSocketAddress(address, anyFamily))
            {
                socketText = true;
            }
        }

        return socketText;
    }

    /// <summary>Whether some value of <paramref name="endPoint"/> is an endpoint a socket reported, and none was normalized.</summary>
    /// <remarks>A variable passed by <c>ref</c> to a receive call holds the sender afterwards, whatever it was initialized with.</remarks>
    public bool IsSocketEndPoint(IOperation endPoint, bool anyFamily = false)
    {
        List<IOperation> origins = ValueFlow.Origins(endPoint, _compilation);
        return !origins.Exists(IsNormalization) && origins.Exists(origin => IsEndPointSource(origin, anyFamily));
    }

    private static bool IsNormalization(IOperation origin) => origin is IInvocationOperation invocation
        && (invocation.TargetMethod.Name is "MapToIPv4" or "Normalize"
            || NamespaceName.Is(invocation.TargetMethod.ContainingNamespace, "DualStackGen"));

    private bool IsEndPointSource(IOperation origin, bool anyFamily)
    {
        switch (origin)
        {
            case IPropertyReferenceOperation { Property.Name: "RemoteEndPoint" or "LocalEndPoint" } property:
                INamedTypeSymbol owner = property.Property.ContainingType;
                if (_symbols.IsSocket(owner))
                {
                    return property.Instance is null || anyFamily
                        || (property.Property.Name == "RemoteEndPoint" ? !IsSingleFamilySocket(property.Instance) : !IsIPv4Socket(property.Instance));
                }

                return (SymbolEqualityComparer.Default.Equals(owner, _symbols.UdpReceiveResult) && (anyFamily || !IsReceivedBySingleFamilyClient(property.Instance)))
                    || SymbolEqualityComparer.Default.Equals(owner, _symbols.SocketReceiveFromResult)
                    || SymbolEqualityComparer.Default.Equals(owner, _symbols.SocketReceiveMessageFromResult)
                    // The sender of a ReceiveFromAsync(SocketAsyncEventArgs), read in its completion handler.
                    || (property.Property.Name == "RemoteEndPoint" && owner is { Name: "SocketAsyncEventArgs" } && NamespaceName.Is(owner.ContainingNamespace, "System.Net.Sockets"));
            // A listener made on an address a socket reported (an FTP passive listener on the control connection's local
            // address, new TcpListener(localIp, 0)): its LocalEndpoint is that address, mapped as it was.
            case IPropertyReferenceOperation { Property.Name: "LocalEndpoint", Instance: { } listener } property
                when SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _symbols.TcpListener) && t_listenerHops < MaxListenerHops:
                t_listenerHops++;
                try
                {
                    return ValueFlow.Origins(listener, _compilation).Exists(origin =>
                        origin is IObjectCreationOperation creation && ListenSink.From(creation, _symbols) is { Address: { } address } && IsSocketAddress(address, anyFamily));
                }
                finally
                {
                    t_listenerHops--;
                }

            // SocketReceiveFromResult and SocketReceiveMessageFromResult expose the sender as a field, not a property.
            case IFieldReferenceOperation { Field.Name: "RemoteEndPoint" } field:
                return SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, _symbols.SocketReceiveFromResult)
                    || SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, _symbols.SocketReceiveMessageFromResult);
            case IArgumentOperation { Parent: IInvocationOperation receive }:
                return (receive.TargetMethod.Name is "ReceiveFrom" or "ReceiveMessageFrom" or "EndReceiveFrom" or "EndReceiveMessageFrom" && _symbols.IsSocket(receive.TargetMethod.ContainingType)
                        && (receive.Instance is null || anyFamily || !IsSingleFamilySocket(receive.Instance)))
                    || (receive.TargetMethod.Name == "Receive" && SymbolEqualityComparer.Default.Equals(receive.TargetMethod.ContainingType, _symbols.UdpClient)
                        && (receive.Instance is null || anyFamily || !IsSingleFamilySocket(receive.Instance)));
            default:
                return false;
        }
    }

    // A socket created AF_INET, or with any family (InterNetworkV6, address.AddressFamily) in a type that never sets
    // DualMode = true (.NET creates an IPv6 socket IPv6-only), only ever sees peers of its own family: a game transport
    // with one socket per family, or a server that opens one family by configuration, has no mapped peers to unwrap.
    // The same holds for every TcpListener and UdpClient made with new on a chosen address (their constructors leave
    // DualMode off, whatever the endpoint): only TcpListener.Create, or DualMode or IPv6Only set in the type, gives them
    // mapped peers. A wildcard one is the exception: the rules' fixes make it dual-mode, unless it is an arm of the
    // server's own choice of family (useIPv6 ? new UdpClient(port, InterNetworkV6) : new UdpClient(port)), which they
    // leave alone.
    private bool IsSingleFamilySocket(IOperation socket, int accepts = 0)
    {
        // A parameter, or a field or property others may set, among the origins stands for code outside the compilation
        // (a protected Client field of a base listener): the sockets the compilation itself creates decide, and at least
        // one must be known. A null (Client = null in Dispose) is no socket at all.
        List<IOperation> all = ValueFlow.Origins(socket, _compilation);
        List<IOperation> origins = all.FindAll(origin => !StandsForOutsideCode(origin) && !IsNull(origin));
        if (origins.Count == 0)
        {
            return all.Count > 0 && all.TrueForAll(origin => OperationFlow.Unwrap(origin) is IParameterReferenceOperation { Parameter.ContainingSymbol.DeclaredAccessibility: Accessibility.Private })
                && IsInPerFamilySocketType(socket);
        }

        return origins.TrueForAll(origin =>
            (accepts < MaxAccepts && AcceptedFrom(origin) is { } listener && IsSingleFamilySocket(listener, accepts + 1))
            || (accepts < MaxAccepts && IsClientSocket(origin) && ListenersThatAccepted(((IPropertyReferenceOperation)origin).Instance!) is { Count: > 0 } listeners
                && listeners.TrueForAll(accepting => IsSingleFamilySocket(accepting, accepts + 1)))
            || IsIPv4Listener(origin)
            || (origin is IObjectCreationOperation { Arguments.Length: 3 } creation && _symbols.IsSocket(creation.Type)
                && (_symbols.IsInterNetwork(creation.Arguments[0].Value)
                    || (!TypeSyntaxFacts.AnyPartMaySetDualMode(creation) && (!IsFamilyOfReportedWildcard(creation.Arguments[0].Value) || KeepsIPv6Only(creation)))))
            || (origin is IObjectCreationOperation created
                && (SymbolEqualityComparer.Default.Equals(created.Type, _symbols.TcpListener) || SymbolEqualityComparer.Default.Equals(created.Type, _symbols.UdpClient))
                && !TypeSyntaxFacts.AnyPartMaySetDualMode(created) && (!IsWildcardListener(created) || KeepsIPv6Only(created) || FamilyBranch.IsInFamilyCheckedArm(created))));
    }

    // SetSocketOption(IPv6, IPv6Only, 1) on the type's sockets: a wildcard listener kept IPv6-only on purpose (one per
    // family), which no rule's fix makes dual-mode.
    private static bool KeepsIPv6Only(IOperation creation) => TypeSyntaxFacts.Around(creation.Syntax).KeepsIPv6Only;

    // new Socket(address.AddressFamily, ...) for an IPAddress.Any or IPv6Any that DSG0002 or DSG0009 reports: their
    // fixes make it dual-mode, as they do a wildcard listener. A choice between the two wildcards (useIPv6 ? IPv6Any :
    // Any), or an arm of a choice by family, is not reported, and stays one family.
    private bool IsFamilyOfReportedWildcard(IOperation family)
    {
        if (OperationFlow.Unwrap(family) is not IPropertyReferenceOperation { Property.Name: "AddressFamily", Instance: { } address })
        {
            return false;
        }

        List<IOperation> origins = ValueFlow.Origins(address, _compilation).FindAll(origin => !FamilyBranch.IsInFamilyCheckedArm(origin));
        return origins.Exists(_symbols.IsIPv4Any) != origins.Exists(_symbols.IsIPv6Any);
    }

    // A socket that reaches its receive loop only through a private method's parameter no call site fills (a thread's
    // state object) in a type that opens its sockets with an explicit family and never turns DualMode on: the type's own
    // per-family sockets.
    private static bool IsInPerFamilySocketType(IOperation socket)
    {
        TypeSyntaxFacts type = TypeSyntaxFacts.Around(socket.Syntax);
        return !TypeSyntaxFacts.AnyPartMaySetDualMode(socket) && type.OpensOtherSocketNaming(socket.Syntax, "AddressFamily.InterNetwork", "AddressFamily.InterNetworkV6");
    }

    // await client.ReceiveAsync(): the result's sender is of the client's own family when the client is single-family.
    private bool IsReceivedBySingleFamilyClient(IOperation? result)
    {
        if (result is null)
        {
            return false;
        }

        List<IOperation> origins = ValueFlow.Origins(result, _compilation);
        return origins.Count > 0 && origins.TrueForAll(origin =>
            OperationFlow.AwaitedOrSelf(origin) is IInvocationOperation { TargetMethod.Name: "ReceiveAsync", Instance: { } client } receive
            && SymbolEqualityComparer.Default.Equals(receive.TargetMethod.ContainingType, _symbols.UdpClient)
            && IsSingleFamilySocket(client));
    }

    // A parameter, or a field or property of the compilation's own that code outside may set: not a socket of a library
    // (SocketAsyncEventArgs.AcceptSocket, UdpClient.Client), which is a socket the flow could not follow.
    private static bool StandsForOutsideCode(IOperation origin) => origin switch
    {
        IParameterReferenceOperation => true,
        IFieldReferenceOperation field => field.Field.Locations.Any(location => location.IsInSource),
        IPropertyReferenceOperation property => property.Property.Locations.Any(location => location.IsInSource),
        _ => false,
    };

    // A null among a socket's or client's values (Client = null in Dispose, client = null before the accept) is none at all.
    private static bool IsNull(IOperation origin) => origin.ConstantValue is { HasValue: true, Value: null };

    // client.Client of a TcpClient: the socket of a client a TcpListener accepted, when the client came from one.
    private bool IsClientSocket(IOperation origin) =>
        origin is IPropertyReferenceOperation { Property.Name: "Client", Instance: not null } property
        && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _symbols.TcpClient);

    // The listeners whose AcceptTcpClient(Async) or EndAcceptTcpClient every value of the client the compilation makes
    // comes from (a parameter's callers outside it aside); empty when one comes from elsewhere (a client that connected out).
    private List<IOperation> ListenersThatAccepted(IOperation client)
    {
        var listeners = new List<IOperation>();
        foreach (IOperation origin in ValueFlow.Origins(client, _compilation))
        {
            IOperation call = OperationFlow.AwaitedOrSelf(origin);
            if (call is not IInvocationOperation { TargetMethod.Name: "AcceptTcpClient" or "AcceptTcpClientAsync" or "EndAcceptTcpClient", Instance: { } listener } accept
                || !SymbolEqualityComparer.Default.Equals(accept.TargetMethod.ContainingType, _symbols.TcpListener))
            {
                // A parameter stands for callers outside the compilation, as in IsSingleFamilySocket: the clients the
                // compilation itself accepts decide. A null (TcpClient? client = null before the accept) is no client.
                if (origin is IParameterReferenceOperation || IsNull(origin))
                {
                    continue;
                }

                return [];
            }

            listeners.Add(listener);
        }

        return listeners;
    }

    // A socket accepted by a listening socket has that socket's family: _v4.Accept(), await _v4.AcceptAsync(), and
    // _listener.EndAcceptSocket(result) of a TcpListener.
    private IOperation? AcceptedFrom(IOperation origin)
    {
        IOperation call = OperationFlow.AwaitedOrSelf(origin);
        return call is IInvocationOperation { TargetMethod.Name: "Accept" or "AcceptAsync" or "EndAccept" or "AcceptSocket" or "AcceptSocketAsync" or "EndAcceptSocket", Instance: { } listener } accept
            && (_symbols.IsSocket(accept.TargetMethod.ContainingType) || SymbolEqualityComparer.Default.Equals(accept.TargetMethod.ContainingType, _symbols.TcpListener))
            ? listener
            : null;
    }

    // new TcpListener(port), new UdpClient(port), or one on IPAddress.Any or IPv6Any: DSG0002 or DSG0009 reports it, and
    // its fix makes it dual-mode, after which its peers are mapped. They count as mapped already, so that a comparison is
    // reported (and fixed) with the listener, not left to break once the listener is fixed.
    private bool IsWildcardListener(IObjectCreationOperation creation) =>
        ListenSink.From(creation, _symbols) is { } sink
        && (sink.IsPortOnly || sink.AddressOrigins(_compilation, _symbols).Exists(address => _symbols.IsIPv4Any(address) || _symbols.IsIPv6Any(address)));

    // A TcpListener on IPAddress.Loopback: an AF_INET listening socket no fix makes dual-mode.
    private bool IsIPv4Listener(IOperation origin)
    {
        if (origin is not IObjectCreationOperation { Constructor: { } constructor } creation || !SymbolEqualityComparer.Default.Equals(creation.Type, _symbols.TcpListener)
            || creation.Arguments.Length == 0)
        {
            return false;
        }

        if (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32)
        {
            return false;
        }

        List<IOperation> addresses = ValueFlow.Origins(creation.Arguments[0].Value, _compilation);
        return addresses.Count > 0 && addresses.TrueForAll(address => address is IFieldReferenceOperation { Field.Name: "Loopback" } loopback && _symbols.IsIPAddress(loopback.Field.ContainingType));
    }

    // An AF_INET socket's own address is a plain IPv4 address: there is no mapped form to unwrap.
    private bool IsIPv4Socket(IOperation socket, int accepts = 0)
    {
        List<IOperation> origins = ValueFlow.Origins(socket, _compilation);
        return origins.Count > 0 && origins.TrueForAll(origin =>
            (accepts < MaxAccepts && AcceptedFrom(origin) is { } listener && IsIPv4Socket(listener, accepts + 1))
            || (origin is IObjectCreationOperation { Arguments.Length: 3 } creation && _symbols.IsSocket(creation.Type) && _symbols.IsInterNetwork(creation.Arguments[0].Value))
            // udp.Client of new UdpClient(), (port) or ([port, ]InterNetwork) (trial X, a SOCKS proxy's relay reply).
            || (origin is IPropertyReferenceOperation { Property.Name: "Client", Instance: { } client }
                && SymbolEqualityComparer.Default.Equals(client.Type, _symbols.UdpClient)
                && ValueFlow.Origins(client, _compilation) is { Count: > 0 } clients
                && clients.TrueForAll(made => made is IObjectCreationOperation clientCreation && _symbols.IsIPv4ClientCreation(clientCreation))));
    }
}
