using System.Collections.Generic;
using System.Net;

namespace DualStackGen;

/// <summary>
/// How many connections each peer address has open, for <see cref="TcpServerOptions.MaxConnectionsPerAddress"/>.
/// Addresses are the connections' normalized ones, so an IPv4 client counts once whether it came as
/// <c>a.b.c.d</c> or <c>::ffff:a.b.c.d</c>. An address leaves the table with its last connection.
/// </summary>
internal sealed class AddressConnectionCounts(int limit)
{
    private readonly Dictionary<IPAddress, int> _counts = [];

    public int Limit { get; } = limit;

    /// <summary>Counts one more connection from <paramref name="address"/>, unless it has <see cref="Limit"/> already.</summary>
    public bool TryAdd(IPAddress address)
    {
        lock (_counts)
        {
            _counts.TryGetValue(address, out int count);
            if (count >= Limit)
            {
                return false;
            }

            _counts[address] = count + 1;
            return true;
        }
    }

    /// <summary>Counts one connection from <paramref name="address"/> fewer.</summary>
    public void Remove(IPAddress address)
    {
        lock (_counts)
        {
            if (_counts.TryGetValue(address, out int count))
            {
                if (count <= 1)
                {
                    _counts.Remove(address);
                }
                else
                {
                    _counts[address] = count - 1;
                }
            }
        }
    }
}
