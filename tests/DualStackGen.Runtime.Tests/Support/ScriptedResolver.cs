using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Runtime.Tests.Support;

/// <summary>A resolver that answers from a script and counts its calls, so name tests stay off the network.</summary>
internal sealed class ScriptedResolver(Func<string, CancellationToken, Task<IPAddress[]>> answer) : IHostNameResolver
{
    private int _calls;

    public int Calls => _calls;

    public static ScriptedResolver Returning(params string[] addresses)
        => new((_, _) => Task.FromResult(Array.ConvertAll(addresses, IPAddress.Parse)));

    public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return answer(hostName, cancellationToken);
    }
}
