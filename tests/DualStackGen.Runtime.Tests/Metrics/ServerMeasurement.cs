using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;

namespace DualStackGen.Runtime.Tests.Metrics;

/// <summary>One value recorded on a <c>DualStackGen</c> instrument, with its tags.</summary>
internal sealed record ServerMeasurement(Instrument Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? Tag(string name) => Tags.GetValueOrDefault(name);

    public override string ToString()
        => $"{Instrument.Name} {Value} {string.Join(", ", Tags.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"))}";
}
