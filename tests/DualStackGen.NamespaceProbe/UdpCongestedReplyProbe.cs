using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen;

namespace DualStackGen.NamespaceProbe;

/// <summary>
/// <c>udp-congested SERVER_ADDRESS CLIENT_ADDRESS COUNT</c>: a wildcard IPv4 UDP server answers one datagram from
/// CLIENT_ADDRESS (a non-local address, bound with <c>IP_TRANSPARENT</c>, routed out of a rate-limited interface) with
/// COUNT replies of 1000 bytes, each awaited. More than the socket's send buffer holds, so <c>sendmsg</c> meets
/// <c>EAGAIN</c> until the link drains. Prints <c>udp-congested replied=N wmem_default=BYTES</c>, or
/// <c>udp-congested failed TYPE MESSAGE</c>.
/// </summary>
internal static class UdpCongestedReplyProbe
{
    private const int LevelIP = 0;
    private const int IPTransparent = 19;

    public static async Task<int> RunAsync(string[] args)
    {
        IPAddress serverAddress = IPAddress.Parse(args[0]);
        IPAddress clientAddress = IPAddress.Parse(args[1]);
        int count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var outcome = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new UdpServerOptions { Host = "0.0.0.0", Mode = ListenMode.IPv4Only, Logger = new ProbeLogger() };
        await using var runner = new UdpServerRunner("UdpCongestedProbe", options, async (datagram, cancellationToken) =>
        {
            byte[] reply = new byte[1000];
            int replied = 0;
            try
            {
                for (; replied < count; replied++)
                {
                    await datagram.ReplyAsync(reply, cancellationToken);
                }

                outcome.SetResult($"replied={replied}");
            }
            catch (Exception e)
            {
                outcome.SetResult($"failed {e.GetType().Name} after {replied}: {ProbeLogger.OneLine(e.Message)}");
            }
        });
        await runner.StartAsync();

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // .NET maps its own SocketOptionName values to the OS's; IP_TRANSPARENT has none, so it is set raw.
        client.SetRawSocketOption(LevelIP, IPTransparent, BitConverter.GetBytes(1));
        client.Bind(new IPEndPoint(clientAddress, 0));
        await client.SendToAsync("go"u8.ToArray(), new IPEndPoint(serverAddress, runner.LocalEndPoints[0].Port));
        string result = await outcome.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Console.WriteLine($"udp-congested {result} wmem_default={File.ReadAllText("/proc/sys/net/core/wmem_default").Trim()}");
        return 0;
    }
}
