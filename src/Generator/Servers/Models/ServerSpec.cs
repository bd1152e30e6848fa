namespace DualStackGen.Generator.Servers.Models;

/// <summary>Everything the emitter needs for one server class; values only, so equal specs emit equal text.</summary>
/// <param name="Kind">TCP or UDP.</param>
/// <param name="Hierarchy">Namespace, nesting and names.</param>
/// <param name="Handler">The user's handler.</param>
/// <param name="Host">The attribute's host, already validated.</param>
/// <param name="Port">The attribute's port, 0-65535.</param>
/// <param name="Mode">The attribute's mode.</param>
/// <param name="Backlog">TCP only: the accept-queue length.</param>
/// <param name="MaxConcurrentConnections">TCP only: 0 for no limit.</param>
/// <param name="MaxDatagramSize">UDP only: the receive buffer per datagram.</param>
/// <param name="Hosting">The generic-host glue's needs, emitted only when the compilation references hosting.</param>
internal sealed record ServerSpec(
    ServerKind Kind,
    HierarchyInfo Hierarchy,
    HandlerSpec Handler,
    string Host,
    int Port,
    ListenMode Mode,
    int Backlog,
    int MaxConcurrentConnections,
    int MaxDatagramSize,
    HostingInfo Hosting);
