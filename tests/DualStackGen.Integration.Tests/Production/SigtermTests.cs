using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Production;

/// <summary>
/// A stop as <c>docker stop</c>, <c>systemctl stop</c> and Kubernetes send it: SIGTERM, with clients connected. The
/// process must answer what it was sent, close each connection with a FIN (not a reset), log that it stopped and exit
/// 0, all within the stop timeout the samples set (10 s).
/// </summary>
public sealed class SigtermTests(ITestOutputHelper output)
{
    private const int Clients = 50;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sigterm_with_50_clients_mid_echo_answers_them_closes_cleanly_and_exits_0()
    {
        await using RunningProgram server = RunningProgram.StartExecutable(DotnetHost.Path, [DotnetHost.Program("EchoServer"), "--port", "0"]);
        int port = await server.WaitForBannerPortAsync("Echo server on ");

        TimeSpan drain = await SigtermWithClientsAsync(server, port);

        Assert.Contains(server.Output, line => line.EndsWith("EchoServer: SIGTERM received; stopping (handlers get up to 00:00:10)", StringComparison.Ordinal));
        Assert.Contains(server.Output, line => line.EndsWith("EchoServer: stopped", StringComparison.Ordinal));
        output.WriteLine($"EchoServer: SIGTERM to exit 0 with {Clients} clients: {drain.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Sigterm_to_the_hosted_sample_with_50_clients_stops_the_host_gracefully()
    {
        await using RunningProgram host = RunningProgram.StartExecutable(DotnetHost.Path, [DotnetHost.Program("HostedServer"), "--EchoServer:Port=0", "--UdpEchoServer:Port=0"]);
        string listening = await host.WaitForLineAsync(line => line.Contains("EchoServer[100] Listening on ", StringComparison.Ordinal) && !line.Contains("UdpEchoServer", StringComparison.Ordinal), "with the TCP port");
        int port = int.Parse(System.Text.RegularExpressions.Regex.Match(listening, @"\]:(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        TimeSpan drain = await SigtermWithClientsAsync(host, port);

        // The host's own lifetime handled the signal: the runtime's RunAsync did not (no event 600).
        Assert.DoesNotContain(host.Output, line => line.Contains("[600]", StringComparison.Ordinal));
        Assert.Contains(host.Output, line => line.EndsWith("] EchoServer: stopped", StringComparison.Ordinal));
        Assert.Contains(host.Output, line => line.EndsWith("] UdpEchoServer: stopped", StringComparison.Ordinal));
        output.WriteLine($"HostedServer: SIGTERM to exit 0 with {Clients} clients: {drain.TotalMilliseconds:0} ms");
    }

    private static async Task<TimeSpan> SigtermWithClientsAsync(RunningProgram server, int port)
    {
        using var timeout = new CancellationTokenSource(RunningProgram.Timeout);
        var clients = new Socket[Clients];
        try
        {
            // Half of them over each family; every one has had an echo and has a second message in flight when the
            // signal lands.
            for (int i = 0; i < Clients; i++)
            {
                IPAddress address = i % 2 == 0 ? IPAddress.Loopback : IPAddress.IPv6Loopback;
                clients[i] = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                await clients[i].ConnectAsync(new IPEndPoint(address, port), timeout.Token);
                await EchoAsync(clients[i], $"first {i}", timeout.Token);
            }

            foreach ((Socket client, int i) in clients.Select((client, i) => (client, i)))
            {
                await client.SendAsync(Encoding.UTF8.GetBytes($"second {i}"), timeout.Token);
            }

            // The echoes of the messages in flight come back before the signal, so none is lost to the stop's race.
            foreach ((Socket client, int i) in clients.Select((client, i) => (client, i)))
            {
                await ReadExactlyAsync(client, $"second {i}", timeout.Token);
            }

            Stopwatch drain = Stopwatch.StartNew();
            server.Signal("TERM");

            // Each connection ends with a clean end of stream: a reset would throw here.
            await Task.WhenAll(clients.Select(async client =>
            {
                byte[] buffer = new byte[16];
                int read = await client.ReceiveAsync(buffer, timeout.Token);
                Assert.Equal(0, read);
            }));

            await server.ExpectCleanExitAsync(StopTimeout);
            return drain.Elapsed;
        }
        finally
        {
            foreach (Socket? client in clients)
            {
                client?.Dispose();
            }
        }
    }

    private static async Task EchoAsync(Socket client, string text, CancellationToken cancellationToken)
    {
        await client.SendAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await ReadExactlyAsync(client, text, cancellationToken);
    }

    private static async Task ReadExactlyAsync(Socket client, string text, CancellationToken cancellationToken)
    {
        byte[] received = new byte[Encoding.UTF8.GetByteCount(text)];
        int total = 0;
        while (total < received.Length)
        {
            int read = await client.ReceiveAsync(received.AsMemory(total), cancellationToken);
            Assert.NotEqual(0, read);
            total += read;
        }

        Assert.Equal(text, Encoding.UTF8.GetString(received));
    }
}
