using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace DualStackGen.Runtime.Tests.Metrics;

/// <summary>
/// An <see cref="IMeterFactory"/> as Microsoft.Extensions.Diagnostics implements it, in small: one meter per name and
/// version, scoped to the factory, disposed with it; and it keeps what it was asked for.
/// </summary>
internal sealed class CountingMeterFactory : IMeterFactory
{
    private readonly ConcurrentDictionary<(string Name, string? Version), Meter> _meters = new();
    private readonly ConcurrentQueue<MeterOptions> _requests = new();

    public IReadOnlyCollection<MeterOptions> Requests => _requests;

    public IReadOnlyCollection<Meter> Meters => [.. _meters.Values];

    public Meter Create(MeterOptions options)
    {
        _requests.Enqueue(options);
        return _meters.GetOrAdd((options.Name, options.Version), _ => new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this }));
    }

    public void Dispose()
    {
        foreach (Meter meter in _meters.Values)
        {
            meter.Dispose();
        }
    }
}
