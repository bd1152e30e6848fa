using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Metrics;

/// <summary>
/// Collects what one server records on the <c>DualStackGen</c> meters. Tests run in parallel and the shared meter is
/// process-wide, so only measurements tagged with this test's server name are kept; a test may narrow the meters too.
/// </summary>
internal sealed class ServerMeasurements : IDisposable
{
    private readonly string _serverName;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<ServerMeasurement> _measurements = new();
    private readonly SemaphoreSlim _recorded = new(0);

    public ServerMeasurements(string serverName, Func<Meter, bool>? meterFilter = null)
    {
        _serverName = serverName;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServerMetricNames.MeterName && (meterFilter?.Invoke(instrument.Meter) ?? true))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>A server name no other test uses, to tell this test's measurements from theirs.</summary>
    public static string UniqueServerName(string purpose) => $"Metrics{purpose}-{Guid.NewGuid():N}";

    public IReadOnlyList<ServerMeasurement> Of(string instrumentName)
        => [.. _measurements.Where(m => m.Instrument.Name == instrumentName)];

    /// <summary>The sum of an instrument's values whose tag <paramref name="tag"/> is <paramref name="value"/> (any, when <paramref name="tag"/> is null).</summary>
    public double Sum(string instrumentName, string? tag = null, string? value = null)
        => Of(instrumentName).Where(m => tag is null || Equals(m.Tag(tag), value)).Sum(m => m.Value);

    /// <summary>Waits, up to <see cref="Loopback.Timeout"/>, until <paramref name="condition"/> holds over what was recorded.</summary>
    public async Task WaitUntilAsync(Func<ServerMeasurements, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        while (!condition(this))
        {
            try
            {
                await _recorded.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what}; recorded:{Environment.NewLine}{string.Join(Environment.NewLine, _measurements)}");
            }
        }
    }

    // The semaphore is left to the GC: a server thread may still be inside a callback as the listener is disposed.
    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>(tags.Length);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copied[tag.Key] = tag.Value;
        }

        if (!Equals(copied.GetValueOrDefault(ServerMetricNames.ServerNameTag), _serverName))
        {
            return;
        }

        _measurements.Enqueue(new ServerMeasurement(instrument, value, copied));
        _recorded.Release();
    }
}
