using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Labeled.AclDictionary;

/// <summary>Connection counts keyed by the remote address passed in from the accept loop.</summary>
public sealed class PerAddressLimit
{
    private readonly Dictionary<IPAddress, int> _counts = new();

    public bool TryEnter(IPAddress peer)
    {
        _counts.TryGetValue(peer, out int count); // expect: DSG0004
        return count < 10;
    }

    public void OnAccepted(Socket accepted) => TryEnter(((IPEndPoint)accepted.RemoteEndPoint!).Address);
}
