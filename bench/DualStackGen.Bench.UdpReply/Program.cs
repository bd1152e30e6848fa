using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen;

// usage: dotnet run -c Release --project bench/DualStackGen.Bench.UdpReply -- [--rounds N] [--replies K]
// What naming a reply's source costs: K replies of 64 bytes to 127.0.0.1 through UdpDatagram.ReplyAsync, from a socket
// bound to 127.0.0.1 (a plain sendto: .NET's SendToAsync) and from wildcard sockets (sendmsg + IP_PKTINFO /
// IPV6_PKTINFO on Linux). The peers' order rotates from round to round; figures are medians and minimums of the
// rounds; ratios are against the bound socket, in this one run.
int rounds = 7;
int replies = 50_000;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--replies": replies = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

(string Name, string Host, ListenMode Mode)[] peers =
[
    ("bound 127.0.0.1 (sendto)", "127.0.0.1", ListenMode.Auto),
    ("wildcard 0.0.0.0 (sendmsg)", "0.0.0.0", ListenMode.IPv4Only),
    ("dual-stack [::] (sendmsg, mapped)", "::", ListenMode.DualStack),
];
var results = peers.ToDictionary(p => p.Name, _ => new List<double>());
for (int round = 0; round < rounds; round++)
{
    foreach (var peer in peers.Skip(round % peers.Length).Concat(peers.Take(round % peers.Length)))
    {
        double nanoseconds = await MeasureAsync(peer.Host, peer.Mode, replies);
        results[peer.Name].Add(nanoseconds);
        Console.WriteLine($"round {round + 1} {peer.Name}: {nanoseconds:F0} ns/reply");
    }
}

double baselineMedian = Median(results[peers[0].Name]);
double baselineMin = results[peers[0].Name].Min();
Console.WriteLine();
Console.WriteLine($"| server socket | ns per reply, median of {rounds} x {replies} | vs bound | minimum | vs bound |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var peer in peers)
{
    double median = Median(results[peer.Name]);
    double min = results[peer.Name].Min();
    Console.WriteLine($"| {peer.Name} | {median:F0} | {median / baselineMedian:F2} | {min:F0} | {min / baselineMin:F2} |");
}

Console.WriteLine($"{Environment.ProcessorCount} cores, load average {System.IO.File.ReadAllText("/proc/loadavg").Trim()}, {DateTime.UtcNow:u}");
return 0;

static double Median(List<double> values)
{
    double[] sorted = [.. values.Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static async Task<double> MeasureAsync(string host, ListenMode mode, int replies)
{
    // One datagram starts a handler that replies to it `replies` times in a row, timing only the replies: the cost of
    // the receive path and of the client is the same for every peer and stays out of the figure. The client never
    // reads; loopback drops what overflows its buffer after the server's send has returned.
    var elapsed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
    await using var runner = new UdpServerRunner("UdpReplyBench", new UdpServerOptions { Host = host, Mode = mode }, async (datagram, cancellationToken) =>
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < replies; i++)
        {
            await datagram.ReplyAsync(datagram.Payload, cancellationToken);
        }

        elapsed.SetResult(clock.Elapsed);
    });
    await runner.StartAsync();
    using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, runner.LocalEndPoints[0].Port));
    await client.SendAsync(new byte[64]);
    TimeSpan took = await elapsed.Task.WaitAsync(TimeSpan.FromSeconds(60));
    return took.TotalNanoseconds / replies;
}
