using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Bench.EchoLoad;

LoadOptions options;
IPAddress address;
try
{
    options = LoadOptions.Parse(args);
    address = IPAddress.Parse(options.Host);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var server = new IPEndPoint(address, options.Port);
long[] counters = EchoLoop.CreateCounters(options.Connections);
var loops = new EchoLoop[options.Connections];
using var stop = new CancellationTokenSource();
try
{
    using (var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
    {
        for (int i = 0; i < loops.Length; i++)
        {
            loops[i] = await EchoLoop.ConnectAsync(server, i, options.MessageSize, counters, connecting.Token);
        }
    }

    Task[] running = [.. loops.Select(loop => Task.Run(() => loop.RunAsync(stop.Token)))];
    Task<Task> anyFailure = Task.WhenAny(running);

    // Measure between two snapshots of the counters, so warm-up requests and the ramp-down are not counted.
    if (await WaitOrFailAsync(anyFailure, options.Warmup))
    {
        await anyFailure.Unwrap();
    }

    long before = EchoLoop.Total(counters);
    long started = Stopwatch.GetTimestamp();
    if (await WaitOrFailAsync(anyFailure, options.Duration))
    {
        await anyFailure.Unwrap();
    }

    long after = EchoLoop.Total(counters);
    TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
    await stop.CancelAsync();
    await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30));

    double requestsPerSecond = (after - before) / elapsed.TotalSeconds;

    // total-requests counts the warm-up and ramp-down too: what the server did while the client was connected.
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{server} connections={options.Connections} message-size={options.MessageSize} seconds={elapsed.TotalSeconds:0.000} requests={after - before} requests/s={requestsPerSecond:0.0} total-requests={EchoLoop.Total(counters)}"));
    return after > before ? 0 : 1;
}
catch (Exception e)
{
    Console.Error.WriteLine($"EchoLoad failed: {e.GetType().Name}: {e.Message}");
    return 1;
}
finally
{
    foreach (EchoLoop? loop in loops)
    {
        loop?.Dispose();
    }
}

static async Task<bool> WaitOrFailAsync(Task<Task> anyFailure, TimeSpan delay)
    => await Task.WhenAny(anyFailure, Task.Delay(delay)) == anyFailure;
