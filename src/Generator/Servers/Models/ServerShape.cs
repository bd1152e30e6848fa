namespace DualStackGen.Generator.Servers.Models;

/// <summary>The names that differ between a TCP and a UDP server, for the parser's checks and the emitter's text.</summary>
internal sealed class ServerShape
{
    public static readonly ServerShape Tcp = new(
        attributeName: "DualStackGen.TcpServerAttribute",
        shortAttributeName: "TcpServer",
        handlerName: "OnConnectionAsync",
        parameterTypeName: "global::DualStackGen.TcpConnection",
        expectedParameters: "TcpConnection connection, CancellationToken cancellationToken",
        optionsTypeName: "global::DualStackGen.TcpServerOptions",
        hostTypeName: "global::DualStackGen.TcpServerHost");

    public static readonly ServerShape Udp = new(
        attributeName: "DualStackGen.UdpServerAttribute",
        shortAttributeName: "UdpServer",
        handlerName: "OnDatagramAsync",
        parameterTypeName: "global::DualStackGen.UdpDatagram",
        expectedParameters: "UdpDatagram datagram, CancellationToken cancellationToken",
        optionsTypeName: "global::DualStackGen.UdpServerOptions",
        hostTypeName: "global::DualStackGen.UdpServerHost");

    private ServerShape(
        string attributeName,
        string shortAttributeName,
        string handlerName,
        string parameterTypeName,
        string expectedParameters,
        string optionsTypeName,
        string hostTypeName)
    {
        AttributeName = attributeName;
        ShortAttributeName = shortAttributeName;
        HandlerName = handlerName;
        ParameterTypeName = parameterTypeName;
        ExpectedParameters = expectedParameters;
        OptionsTypeName = optionsTypeName;
        HostTypeName = hostTypeName;
    }

    public string AttributeName { get; }

    public string ShortAttributeName { get; }

    public string HandlerName { get; }

    public string ParameterTypeName { get; }

    public string ExpectedParameters { get; }

    public string OptionsTypeName { get; }

    public string HostTypeName { get; }

    public string HandlerExample => $"private ValueTask {HandlerName}({ExpectedParameters})";

    public static ServerShape Of(ServerKind kind) => kind == ServerKind.Tcp ? Tcp : Udp;
}
