using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>Resolves host names through the OS resolver (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>).</summary>
public sealed class DnsHostNameResolver : IHostNameResolver
{
    private DnsHostNameResolver()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static DnsHostNameResolver Shared { get; } = new();

    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken)
        => Dns.GetHostAddressesAsync(hostName, cancellationToken);
}
