using System.Collections.Concurrent;

namespace Labeled.Silent.OpaqueId;

/// <summary>A connection id built from host and port, never parsed back.</summary>
public sealed class ConnectionIds
{
    private readonly ConcurrentDictionary<string, int> _ids = new();

    public int IdOf(string host, int port) => _ids.GetOrAdd(host + ":" + port, _ => _ids.Count + 1);
}
