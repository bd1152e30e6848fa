using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Labeled.AclRequest;

public sealed class PeerRequest
{
    public PeerRequest(Socket accepted) => Remote = (IPEndPoint)accepted.RemoteEndPoint!;

    public IPEndPoint Remote { get; }

    public IPAddress Address => Remote.Address;
}

public sealed class DenyList
{
    private readonly HashSet<IPAddress> _denied = new() { IPAddress.Parse("203.0.113.7") };

    public bool IsDenied(IPAddress address) => _denied.Contains(address); // expect: DSG0004
}

/// <summary>A request's remote address through a property and a parameter into a deny list.</summary>
public sealed class Gate
{
    private readonly DenyList _deny = new();

    public bool Admit(Socket accepted) => !_deny.IsDenied(new PeerRequest(accepted).Address);
}
