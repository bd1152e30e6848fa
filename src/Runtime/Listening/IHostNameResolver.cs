using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>Resolves a host name to its addresses when a server on that name starts.</summary>
public interface IHostNameResolver
{
    /// <summary>Resolves <paramref name="hostName"/>.</summary>
    /// <param name="hostName">A name, never an address literal or <c>"localhost"</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>Every address of the name, in the resolver's order.</returns>
    Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken);
}
