using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen;

namespace DualStackGen.NamespaceProbe;

/// <summary>
/// <c>udp-reply HOST MODE SOURCE&gt;TARGET...</c>: starts a UDP echo server on HOST port 0 with MODE, then for each pair
/// sends one datagram from SOURCE (port 0) to TARGET twice, from a connected socket (which drops a reply from any
/// other address) and from an unconnected one (which shows where the reply came from). Prints one line per pair:
/// <c>udp-client TARGET connected=replied|no-reply from=ADDRESS|none local=ADDRESS</c>, the last being the server's
/// <see cref="UdpDatagram.LocalAddress"/>.
/// </summary>
internal static class UdpReplyProbe
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3 || !Enum.TryParse(args[1], out ListenMode mode))
        {
            Console.Error.WriteLine("usage: DualStackGen.NamespaceProbe udp-reply HOST MODE SOURCE>TARGET...");
            return 2;
        }

        var localAddresses = new ConcurrentQueue<IPAddress>();
        var options = new UdpServerOptions { Host = args[0], Mode = mode, Logger = new ProbeLogger() };
        await using var runner = new UdpServerRunner("UdpReplyProbe", options, (datagram, cancellationToken) =>
        {
            localAddresses.Enqueue(datagram.LocalAddress);
            return datagram.ReplyAsync(datagram.Payload, cancellationToken);
        });
        await runner.StartAsync();
        foreach (IPEndPoint endPoint in runner.LocalEndPoints)
        {
            Console.WriteLine($"udp-listening {endPoint.ToDisplayString()}");
        }

        int port = runner.LocalEndPoints[0].Port;
        for (int i = 2; i < args.Length; i++)
        {
            string[] pair = args[i].Split('>');
            IPAddress source = IPAddress.Parse(pair[0]);
            var target = new IPEndPoint(IPAddress.Parse(pair[1]), port);
            localAddresses.Clear();
            string connected = await ConnectedRoundTripAsync(source, target) ? "replied" : "no-reply";
            string from = (await ReplySourceAsync(source, target))?.ToString() ?? "none";
            string local = localAddresses.TryDequeue(out IPAddress? seen) ? seen.ToString() : "none";
            Console.WriteLine($"udp-client {pair[1]} connected={connected} from={from} local={local}");
        }

        return 0;
    }

    private static async Task<bool> ConnectedRoundTripAsync(IPAddress source, IPEndPoint target)
    {
        using var client = new Socket(source.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(source, 0));
        await client.ConnectAsync(target);
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        await client.SendAsync("ping"u8.ToArray(), timeout.Token);
        try
        {
            return await client.ReceiveAsync(new byte[64], timeout.Token) == 4;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<IPAddress?> ReplySourceAsync(IPAddress source, IPEndPoint target)
    {
        using var client = new Socket(source.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(source, 0));
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        await client.SendToAsync("ping"u8.ToArray(), target, timeout.Token);
        EndPoint any = new IPEndPoint(source.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            SocketReceiveFromResult received = await client.ReceiveFromAsync(new byte[64], any, timeout.Token);
            return ((IPEndPoint)received.RemoteEndPoint).Address;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
