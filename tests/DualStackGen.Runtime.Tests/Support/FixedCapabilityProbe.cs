namespace DualStackGen.Runtime.Tests.Support;

/// <summary>Simulates an OS this machine is not: one without dual-stack sockets, without IPv6, or without IPv4.</summary>
internal sealed class FixedCapabilityProbe(SocketCapabilities capabilities) : ISocketCapabilityProbe
{
    public SocketCapabilities GetCapabilities() => capabilities;
}
