using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>The networking types the DSG analyzers look for, resolved once per compilation.</summary>
internal sealed record DualStackSymbols(
    INamedTypeSymbol Socket,
    INamedTypeSymbol TcpListener,
    INamedTypeSymbol UdpClient,
    INamedTypeSymbol TcpClient,
    INamedTypeSymbol AddressFamily,
    INamedTypeSymbol IPAddress,
    INamedTypeSymbol IPEndPoint,
    INamedTypeSymbol EndPoint,
    INamedTypeSymbol Dns,
    INamedTypeSymbol? IPHostEntry,
    INamedTypeSymbol? UdpReceiveResult,
    INamedTypeSymbol? SocketReceiveFromResult,
    INamedTypeSymbol? SocketReceiveMessageFromResult)
{
    /// <summary>InterNetwork's value in <see cref="System.Net.Sockets.AddressFamily"/>.</summary>
    public const int InterNetworkValue = 2;

    /// <summary>InterNetworkV6's value in <see cref="System.Net.Sockets.AddressFamily"/>.</summary>
    public const int InterNetworkV6Value = 23;

    // Every DSG analyzer and code fix starts from these symbols: look them up once per compilation, not once per rule.
    private static readonly ConditionalWeakTable<Compilation, StrongBox<DualStackSymbols?>> ByCompilation = new();

    /// <summary>Gets the symbols, or <see langword="null"/> when the compilation has no sockets API to analyze.</summary>
    public static DualStackSymbols? TryCreate(Compilation compilation) =>
        ByCompilation.GetValue(compilation, static compilation => new StrongBox<DualStackSymbols?>(Lookup(compilation))).Value;

    private static DualStackSymbols? Lookup(Compilation compilation)
    {
        // Compilation.GetTypeByMetadataName asks every referenced assembly in turn (about half a millisecond per name with
        // the framework's 160 references): three anchors are found that way, and their neighbours in the anchor's own
        // assembly, where System.Net.Sockets, System.Net.Primitives, System.dll (.NET Framework) and netstandard.dll
        // all keep them.
        INamedTypeSymbol? socket = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");
        INamedTypeSymbol? ipAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
        INamedTypeSymbol? dns = compilation.GetTypeByMetadataName("System.Net.Dns");
        if (socket is null || ipAddress is null || dns is null)
        {
            return null;
        }

        INamedTypeSymbol? Near(INamedTypeSymbol anchor, string metadataName) =>
            anchor.ContainingAssembly.GetTypeByMetadataName(metadataName) ?? compilation.GetTypeByMetadataName(metadataName);

        INamedTypeSymbol? tcpListener = Near(socket, "System.Net.Sockets.TcpListener");
        INamedTypeSymbol? udpClient = Near(socket, "System.Net.Sockets.UdpClient");
        INamedTypeSymbol? tcpClient = Near(socket, "System.Net.Sockets.TcpClient");
        INamedTypeSymbol? addressFamily = Near(ipAddress, "System.Net.Sockets.AddressFamily");
        INamedTypeSymbol? ipEndPoint = Near(ipAddress, "System.Net.IPEndPoint");
        INamedTypeSymbol? endPoint = Near(ipAddress, "System.Net.EndPoint");
        if (tcpListener is null || udpClient is null || tcpClient is null || addressFamily is null || ipEndPoint is null || endPoint is null)
        {
            return null;
        }

        return new DualStackSymbols(
            socket,
            tcpListener,
            udpClient,
            tcpClient,
            addressFamily,
            ipAddress,
            ipEndPoint,
            endPoint,
            dns,
            Near(dns, "System.Net.IPHostEntry"),
            Near(socket, "System.Net.Sockets.UdpReceiveResult"),
            Near(socket, "System.Net.Sockets.SocketReceiveFromResult"),
            Near(socket, "System.Net.Sockets.SocketReceiveMessageFromResult"));
    }

    /// <summary>Whether <paramref name="type"/> is System.Linq.Enumerable (or a polyfill of it), told by its name: no lookup across the references.</summary>
    public static bool IsEnumerable(ITypeSymbol? type) => type is { Name: "Enumerable" } && NamespaceName.Is(type.ContainingNamespace, "System.Linq");

    /// <summary>Whether <paramref name="type"/> is DualStackGen's [TcpServer] or [UdpServer] attribute.</summary>
    public static bool IsServerAttribute(ITypeSymbol? type) => type is { Name: "TcpServerAttribute" or "UdpServerAttribute" } && NamespaceName.Is(type.ContainingNamespace, "DualStackGen");

    public bool IsSocket(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, Socket);

    public bool IsIPAddress(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, IPAddress);

    public bool IsIPEndPoint(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, IPEndPoint);

    /// <summary>
    /// Whether <paramref name="creation"/> makes a <c>UdpClient</c> or <c>TcpClient</c> whose socket is AF_INET:
    /// <c>new UdpClient()</c>, <c>new UdpClient(port)</c>, or either type given <c>AddressFamily.InterNetwork</c>.
    /// </summary>
    public bool IsIPv4ClientCreation(IObjectCreationOperation creation)
    {
        bool udpClient = SymbolEqualityComparer.Default.Equals(creation.Type, UdpClient);
        if (!udpClient && !SymbolEqualityComparer.Default.Equals(creation.Type, TcpClient))
        {
            return false;
        }

        if (creation.Arguments.Length == 0 || (udpClient && creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32))
        {
            // TcpClient() makes a dual-mode socket where the OS has IPv6; UdpClient() and UdpClient(port) an IPv4 one.
            return udpClient;
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, AddressFamily) && IsInterNetwork(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="operation"/> is the constant <c>AddressFamily.InterNetwork</c>, directly or through a local.</summary>
    public bool IsInterNetwork(IOperation? operation) => IsAddressFamilyConstant(operation, InterNetworkValue);

    public bool IsInterNetworkV6(IOperation? operation) => IsAddressFamilyConstant(operation, InterNetworkV6Value);

    /// <summary>Whether every value <paramref name="operation"/> can have is <c>IPAddress.Any</c> or <c>IPAddress.Parse("0.0.0.0")</c>.</summary>
    public bool IsIPv4Any(IOperation? operation) => OperationFlow.AllOrigins(operation, origin => IsAddressField(origin, "Any") || IsParsedLiteral(origin, "0.0.0.0"));

    /// <summary>Whether every value <paramref name="operation"/> can have is <c>IPAddress.IPv6Any</c> or <c>IPAddress.Parse("::")</c>.</summary>
    public bool IsIPv6Any(IOperation? operation) => OperationFlow.AllOrigins(operation, origin => IsAddressField(origin, "IPv6Any") || IsParsedLiteral(origin, "::"));

    /// <summary>Whether every value is a loopback field of <see cref="System.Net.IPAddress"/> (or its literal parsed: <c>IPAddress.Parse("127.0.0.1")</c>); <paramref name="field"/> gets which.</summary>
    public bool IsLoopback(IOperation? operation, string field) => OperationFlow.AllOrigins(operation, origin =>
        IsAddressField(origin, field) || IsParsedLiteral(origin, field == "Loopback" ? "127.0.0.1" : field == "IPv6Loopback" ? "::1" : field));

    /// <summary>Whether <paramref name="origin"/> is <c>IPAddress.Broadcast</c> (255.255.255.255).</summary>
    public bool IsBroadcastAddress(IOperation origin) => IsAddressField(origin, "Broadcast");

    /// <summary>Whether every value <paramref name="operation"/> can have is a well-known IPv4 address or a parsed IPv4 literal.</summary>
    public bool IsIPv4Address(IOperation? operation) => OperationFlow.AllOrigins(operation, origin =>
        IsAddressField(origin, "Any") || IsAddressField(origin, "Loopback") || IsAddressField(origin, "Broadcast") || IsAddressField(origin, "None")
        || (IsAddressParse(origin, out IOperation? text) && text.ConstantValue is { HasValue: true, Value: string literal }
            && System.Net.IPAddress.TryParse(literal, out System.Net.IPAddress? parsed) && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork));

    /// <summary>Whether every value is an <see cref="System.Net.IPEndPoint"/> created here whose address satisfies <paramref name="address"/>.</summary>
    public bool IsEndPointOf(IOperation? operation, System.Func<IOperation, bool> address) => OperationFlow.AllOrigins(operation, origin =>
        origin is IObjectCreationOperation { Arguments.Length: 2 } creation && IsIPEndPoint(creation.Type)
        && SymbolEqualityComparer.Default.Equals(creation.Constructor?.Parameters[0].Type, IPAddress)
        && address(creation.Arguments[0].Value));

    /// <summary>Whether <paramref name="operation"/> is <c>IPAddress.Parse(text)</c>.</summary>
    public bool IsAddressParse(IOperation operation, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IOperation? text)
    {
        text = null;
        if (operation is IInvocationOperation { TargetMethod.Name: "Parse", Arguments.Length: 1 } invocation
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, IPAddress)
            && invocation.TargetMethod.Parameters[0].Type.SpecialType == SpecialType.System_String)
        {
            text = invocation.Arguments[0].Value;
            return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is a collection of System.Collections.Generic, .Concurrent, .Immutable or .Frozen: keyed by what it is given.</summary>
    public static bool IsKeyedCollection(INamedTypeSymbol? type) =>
        type?.ContainingNamespace is { Name: "Generic" or "Concurrent" or "Immutable" or "Frozen" } collections && NamespaceName.Is(collections.ContainingNamespace, "System.Collections");

    /// <summary>The argument given for the parameter named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static IOperation? Argument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private bool IsAddressField(IOperation origin, string name) =>
        origin is IFieldReferenceOperation field && field.Field.Name == name
        && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, IPAddress);

    private bool IsParsedLiteral(IOperation origin, string literal) =>
        IsAddressParse(origin, out IOperation? text) && text.ConstantValue is { HasValue: true, Value: string value } && value == literal;

    private bool IsAddressFamilyConstant(IOperation? operation, int value) =>
        OperationFlow.AllOrigins(operation, origin =>
            SymbolEqualityComparer.Default.Equals(origin.Type, AddressFamily)
            && origin.ConstantValue is { HasValue: true, Value: int constant } && constant == value);
}
