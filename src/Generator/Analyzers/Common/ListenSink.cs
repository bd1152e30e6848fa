using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// A place where a local address is chosen for a socket: a <c>TcpListener</c> or binding <c>UdpClient</c> constructor, a
/// <c>TcpClient(IPEndPoint)</c> local bind (also as a subclass's <c>base(...)</c>), or <c>Socket.Bind</c>. Exactly one of <see cref="Address"/>,
/// <see cref="EndPoint"/>, <see cref="Family"/> is set, or <see cref="IsPortOnly"/>.
/// </summary>
internal sealed class ListenSink
{
    private ListenSink(IOperation operation, string kind)
    {
        Operation = operation;
        Kind = kind;
    }

    /// <summary>Gets the creation or the <c>Bind</c> call.</summary>
    public IOperation Operation { get; }

    /// <summary>Gets <c>TcpListener</c>, <c>UdpClient</c>, <c>TcpClient</c> or <c>Socket</c>.</summary>
    public string Kind { get; }

    /// <summary>Gets the address given to the constructor, if it takes one.</summary>
    public IOperation? Address { get; private set; }

    /// <summary>Gets the endpoint given, if the call takes one.</summary>
    public IOperation? EndPoint { get; private set; }

    /// <summary>Gets the family of <c>UdpClient(int, AddressFamily)</c>.</summary>
    public IOperation? Family { get; private set; }

    /// <summary>Gets the port argument, when the call takes it apart from an endpoint.</summary>
    public IOperation? Port { get; private set; }

    /// <summary>Gets a value indicating whether the constructor takes a port alone and picks <c>0.0.0.0</c> itself.</summary>
    public bool IsPortOnly { get; private set; }

    /// <summary>Gets a value indicating whether the sink is a subclass constructor's <c>base(...)</c>: the instance is <c>this</c>.</summary>
    public bool IsBaseInitializer { get; private set; }

    /// <summary>The sink <paramref name="operation"/> is, if any.</summary>
    public static ListenSink? From(IOperation operation, DualStackSymbols symbols)
    {
        switch (operation)
        {
            // The type's name first: every creation of the compilation comes here, and a name is read without the
            // parameter array a constructor's Parameters allocates on each call.
            case IObjectCreationOperation { Constructor: { } constructor, Type.Name: "TcpListener" or "UdpClient" or "TcpClient" } creation:
                return FromConstructor(creation, constructor, creation.Arguments, symbols);
            case IInvocationOperation { TargetMethod: { MethodKind: MethodKind.Constructor, ContainingType.Name: "TcpListener" or "UdpClient" or "TcpClient" } constructor } initializer:
                // A subclass's ": base(port)" binds as "new UdpClient(port)" does.
                return FromConstructor(initializer, constructor, initializer.Arguments, symbols);
            case IInvocationOperation { TargetMethod.Name: "Bind", Arguments.Length: 1 } bind when symbols.IsSocket(bind.TargetMethod.ContainingType):
                return new ListenSink(bind, "Socket") { EndPoint = bind.Arguments[0].Value };
            default:
                return null;
        }
    }

    private static ListenSink? FromConstructor(IOperation operation, IMethodSymbol constructor, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, DualStackSymbols symbols)
    {
        INamedTypeSymbol type = constructor.ContainingType;
        bool tcpListener = SymbolEqualityComparer.Default.Equals(type, symbols.TcpListener);
        bool udpClient = SymbolEqualityComparer.Default.Equals(type, symbols.UdpClient);
        bool tcpClient = SymbolEqualityComparer.Default.Equals(type, symbols.TcpClient);
        if (!(tcpListener || udpClient || tcpClient))
        {
            return null;
        }

        var parameters = constructor.Parameters;
        if (arguments.Length != parameters.Length)
        {
            return null;
        }

        var sink = new ListenSink(operation, type.Name) { IsBaseInitializer = operation is IInvocationOperation };
        if (parameters.Length == 1 && parameters[0].Type.SpecialType == SpecialType.System_Int32 && !tcpClient)
        {
            sink.IsPortOnly = true;
            sink.Port = arguments[0].Value;
            return sink;
        }

        if (parameters.Length == 1 && symbols.IsIPEndPoint(parameters[0].Type))
        {
            sink.EndPoint = arguments[0].Value;
            return sink;
        }

        if (parameters.Length == 2 && tcpListener && symbols.IsIPAddress(parameters[0].Type))
        {
            sink.Address = DualStackSymbols.Argument(arguments, parameters[0].Name);
            sink.Port = DualStackSymbols.Argument(arguments, parameters[1].Name);
            return sink;
        }

        if (parameters.Length == 2 && udpClient && parameters[0].Type.SpecialType == SpecialType.System_Int32
            && SymbolEqualityComparer.Default.Equals(parameters[1].Type, symbols.AddressFamily))
        {
            sink.Family = DualStackSymbols.Argument(arguments, parameters[1].Name);
            sink.Port = DualStackSymbols.Argument(arguments, parameters[0].Name);
            return sink;
        }

        return null;
    }

    /// <summary>
    /// The origins of the address this sink binds: the address itself, or the address of every endpoint the endpoint can
    /// be; without those reached only through a family or capability choice when <paramref name="skipFamilyChoices"/>.
    /// </summary>
    public List<IOperation> AddressOrigins(Compilation compilation, DualStackSymbols symbols, bool skipFamilyChoices = false)
    {
        var origins = new List<IOperation>();
        if (Address is not null)
        {
            foreach (IOperation address in ValueFlow.Origins(Address, compilation, skipFamilyChoices))
            {
                // new TcpListener(endPoint.Address, endPoint.Port) of endpoints the compilation made: the addresses they
                // were made of. An endpoint from elsewhere (a socket's, a public constructor's callers outside the
                // compilation) keeps the read as an origin beside them.
                if (address is not IPropertyReferenceOperation { Property: { Name: "Address" } property, Instance: { } endPoint } || !symbols.IsIPEndPoint(property.ContainingType))
                {
                    origins.Add(address);
                    continue;
                }

                bool fromElsewhere = false;
                foreach (IOperation made in ValueFlow.Origins(endPoint, compilation, skipFamilyChoices))
                {
                    if (AddressArgument(made, symbols) is { } madeOf)
                    {
                        origins.AddRange(ValueFlow.Origins(madeOf, compilation, skipFamilyChoices));
                    }
                    else
                    {
                        fromElsewhere = true;
                    }
                }

                if (fromElsewhere)
                {
                    origins.Add(address);
                }
            }

            return origins;
        }

        if (EndPoint is not null)
        {
            foreach (IOperation endPoint in ValueFlow.Origins(EndPoint, compilation, skipFamilyChoices))
            {
                if (AddressArgument(endPoint, symbols) is { } madeOf)
                {
                    origins.AddRange(ValueFlow.Origins(madeOf, compilation, skipFamilyChoices));
                }
                else if (endPoint is IObjectCreationOperation { Arguments.Length: 2, Constructor: { } numeric } numericEndPoint && symbols.IsIPEndPoint(numericEndPoint.Type)
                    && numeric.Parameters[0].Type.SpecialType == SpecialType.System_Int64)
                {
                    // new IPEndPoint(0, port): the address as a number; the endpoint itself is where it is chosen.
                    origins.Add(numericEndPoint);
                }
                else if (endPoint is IInvocationOperation { TargetMethod.Name: "Parse" } or IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "TryParse" } }
                    && symbols.IsIPEndPoint((endPoint as IInvocationOperation ?? (IInvocationOperation)endPoint.Parent!).TargetMethod.ContainingType))
                {
                    // IPEndPoint.Parse("0.0.0.0:7400"): the text holds the address.
                    origins.Add(endPoint);
                }
            }
        }

        return origins;
    }

    // The address argument of new IPEndPoint(address, port), when endPoint is one.
    private static IOperation? AddressArgument(IOperation endPoint, DualStackSymbols symbols) =>
        endPoint is IObjectCreationOperation { Arguments.Length: 2, Constructor: { } constructor } creation && symbols.IsIPEndPoint(creation.Type)
        && symbols.IsIPAddress(constructor.Parameters[0].Type)
            ? DualStackSymbols.Argument(creation.Arguments, constructor.Parameters[0].Name)
            : null;

    /// <summary>The constant ports this sink can bind, from its port argument or its endpoints'.</summary>
    public List<int> ConstantPorts(Compilation compilation, DualStackSymbols symbols)
    {
        var ports = new List<int>();
        IOperation? port = Port;
        if (port is null && EndPoint is not null)
        {
            foreach (IOperation endPoint in ValueFlow.Origins(EndPoint, compilation))
            {
                if (endPoint is IObjectCreationOperation { Arguments.Length: 2 } creation && symbols.IsIPEndPoint(creation.Type))
                {
                    AddPorts(creation.Arguments[1].Value, compilation, ports);
                }
            }

            return ports;
        }

        AddPorts(port, compilation, ports);
        return ports;
    }

    private static void AddPorts(IOperation? port, Compilation compilation, List<int> ports)
    {
        foreach (IOperation origin in ValueFlow.Origins(port, compilation))
        {
            if (origin.ConstantValue is { HasValue: true, Value: int value })
            {
                ports.Add(value);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="origin"/> is a wildcard the compilation's own code passes in, and the other family's
    /// wildcard reaches the same sink the same way, with both instances made in one place: subclasses of one listener
    /// class, each passing its family to the base (<c>: base(port, IPAddress.Any)</c>, <c>: base(port, IPAddress.IPv6Any)</c>),
    /// created side by side by one member. That is one listener instance per family, each IPv4- or IPv6-only on
    /// purpose. Servers of a library's users that each pass their own wildcard to its base, a configured choice (a host
    /// word mapped to either address), or factories for either family of which the code uses one stay findings.
    /// </summary>
    public static bool IsOneOfPerFamilyArguments(IOperation origin, List<IOperation> origins, System.Func<IOperation, bool> isOtherFamilyWildcard, Compilation compilation)
    {
        if (SubclassPassing(origin) is not { } subclass)
        {
            return false;
        }

        // The other family among the origins first: most sinks have none, and the creating bodies cost a lookup of
        // the constructor's call sites.
        HashSet<SyntaxNode>? created = null;
        foreach (IOperation other in origins)
        {
            if (other != origin && isOtherFamilyWildcard(other) && SubclassPassing(other) is { } otherSubclass
                && (created ??= CreatingBodies(subclass, compilation)).Count > 0
                && CreatingBodies(otherSubclass, compilation).Overlaps(created))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="origin"/>, a wildcard, is written in one list initializer beside the other family's
    /// (<c>new[] { new IPEndPoint(IPAddress.IPv6Any, port), new IPEndPoint(IPAddress.Any, port) }</c>) and both reach the
    /// sink: one listener per element, so one per family. A configured list (its entries chosen elsewhere) has no such
    /// pair in its own initializer.
    /// </summary>
    public static bool IsListedBesideOtherFamily(IOperation origin, List<IOperation> origins, System.Func<IOperation, bool> isOtherFamilyWildcard)
    {
        InitializerExpressionSyntax? list = ListAround(origin.Syntax);
        return list is not null && origins.Exists(other => other != origin && isOtherFamilyWildcard(other) && ListAround(other.Syntax) == list);
    }

    private static InitializerExpressionSyntax? ListAround(SyntaxNode node) =>
        node.FirstAncestorOrSelf<InitializerExpressionSyntax>() is { } initializer
        && initializer.Kind() is SyntaxKind.ArrayInitializerExpression or SyntaxKind.CollectionInitializerExpression
            ? initializer
            : null;

    // The subclass constructor whose base(...) passes the wildcard: only a subclass fixes the family per class, where
    // two arguments of one body may be arms of one choice.
    private static (ConstructorDeclarationSyntax Declaration, SemanticModel Model)? SubclassPassing(IOperation origin)
    {
        IOperation? parent = origin.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: { Syntax: ConstructorInitializerSyntax { Parent: ConstructorDeclarationSyntax declaration }, SemanticModel: { } model } }
            ? (declaration, model)
            : null;
    }

    // The bodies that create the subclass, found through its constructor's first parameter's call sites.
    private static HashSet<SyntaxNode> CreatingBodies((ConstructorDeclarationSyntax Declaration, SemanticModel Model) subclass, Compilation compilation)
    {
        var bodies = new HashSet<SyntaxNode>();
        if (subclass.Model.GetDeclaredSymbol(subclass.Declaration) is not IMethodSymbol { Parameters.Length: > 0 } constructor)
        {
            return bodies;
        }

        foreach (IOperation passed in CompilationFlow.Of(compilation).ArgumentValues(constructor.Parameters[0]))
        {
            if (passed.Parent is IArgumentOperation { Parent: IObjectCreationOperation })
            {
                bodies.Add(OperationFlow.Root(passed).Syntax);
            }
        }

        return bodies;
    }
}
