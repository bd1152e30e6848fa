using System.Net;
using System.Security.Authentication;

namespace Realistic.Mqtt;

/// <summary>Options of the default (plain TCP) endpoint: one address per family, both opened by the listener.</summary>
public sealed class MqttServerTcpEndpointOptions
{
    public bool IsEnabled { get; set; } = true;

    public int Port { get; set; } = 1883;

    public int ConnectionBacklog { get; set; } = 100;

    public IPAddress BoundInterNetworkAddress { get; set; } = IPAddress.Any;

    public IPAddress BoundInterNetworkV6Address { get; set; } = IPAddress.IPv6Any;

    public bool NoDelay { get; set; } = true;

    public SslProtocols SslProtocol { get; set; } = SslProtocols.None;
}

/// <summary>A fluent builder over the options, in the style MQTT and HTTP libraries use.</summary>
public sealed class MqttServerOptionsBuilder
{
    private readonly MqttServerTcpEndpointOptions _options = new();

    public MqttServerOptionsBuilder WithDefaultEndpointPort(int port)
    {
        _options.Port = port;
        return this;
    }

    public MqttServerOptionsBuilder WithDefaultEndpointBoundIPAddress(IPAddress address)
    {
        _options.BoundInterNetworkAddress = address;
        return this;
    }

    public MqttServerOptionsBuilder WithDefaultEndpointBoundIPV6Address(IPAddress address)
    {
        _options.BoundInterNetworkV6Address = address;
        return this;
    }

    public MqttServerOptionsBuilder WithoutDefaultEndpoint()
    {
        _options.IsEnabled = false;
        return this;
    }

    public MqttServerTcpEndpointOptions Build() => _options;
}
