using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Limits;

/// <summary>
/// samples/HostedServer started under <c>ulimit -n 256</c> (soft and hard: nothing to raise) and flooded with
/// 1 000 connections over both loopbacks: it stays alive, logs the exhaustion once, and serves a new client once the
/// flood has gone; with its connection limit left to the default it never runs out at all.
/// </summary>
public sealed partial class DescriptorExhaustionTests
{
    private const int FloodSize = 1000;

    [Fact]
    public async Task With_a_limit_above_its_descriptors_the_server_survives_a_flood_logs_one_episode_and_serves_again()
    {
        await using RunningProgram server = RunningProgram.StartUnderShell(
            "ulimit -n 256", "HostedServer", "--EchoServer:Port=0", "--UdpEchoServer:Port=0", "--EchoServer:MaxConcurrentConnections=100000");
        int port = await server.WaitForListeningPortAsync(ListeningPrefix, ListeningLine());

        using (Flood flood = await Flood.OpenAsync(port))
        {
            await server.WaitForLineAsync(line => line.Contains("EchoServer[330] EchoServer: accepting on [::]:", StringComparison.Ordinal), "reporting the exhaustion");

            // Held past several backoffs (at most 1 s each), each of which closes one queued connection unserved.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(server.HasExited, $"the server died during the flood ({flood.Connected} of {FloodSize} connections were established)");
        }

        await AssertServesANewClientAsync(server, port);
        string[] episodes = [.. server.Output.Where(line => line.Contains("[330]", StringComparison.Ordinal))];
        Assert.Single(episodes);
        Assert.Matches("accepting on \\[::\\]:\\d+: (TooManyOpenSockets|connection got descriptor \\d+, within the last 32 kept for the runtime), out of file descriptors", episodes[0]);
        Assert.Contains("soft descriptor limit 256", episodes[0], StringComparison.Ordinal);
        Assert.DoesNotContain(server.Output, line => line.Contains("   at ", StringComparison.Ordinal));
        await server.InterruptExpectingCleanExitAsync();
    }

    [Fact]
    public async Task With_the_default_limit_taken_from_the_descriptor_limit_the_server_never_runs_out()
    {
        await using RunningProgram server = RunningProgram.StartUnderShell("ulimit -n 256", "HostedServer", "--EchoServer:Port=0", "--UdpEchoServer:Port=0");
        string derived = await server.WaitForLineAsync(line => line.Contains("EchoServer[336]", StringComparison.Ordinal), "announcing the derived connection limit");
        int limit = int.Parse(DerivedLimit().Match(derived).Groups["limit"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(limit, 1, 256 - 64);
        int port = await server.WaitForListeningPortAsync(ListeningPrefix, ListeningLine());

        using (Flood flood = await Flood.OpenAsync(port))
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(server.HasExited, $"the server died during the flood ({flood.Connected} of {FloodSize} connections were established)");
            int descriptors = System.IO.Directory.GetFileSystemEntries($"/proc/{server.Id}/fd").Length;
            Assert.True(descriptors < 256, $"{descriptors} descriptors open at the limit of {limit} connections");
        }

        await AssertServesANewClientAsync(server, port);
        Assert.DoesNotContain(server.Output, line => line.Contains("[330]", StringComparison.Ordinal));
        await server.InterruptExpectingCleanExitAsync();
    }

    private const string ListeningPrefix = "info: DualStackGen.Samples.Hosted.EchoServer[100] Listening on ";

    private static async Task AssertServesANewClientAsync(RunningProgram server, int port)
    {
        // The flood's queued connections, closed by their clients, are accepted and closed first.
        await Task.Delay(TimeSpan.FromSeconds(2));
        int clientPort = await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "after the flood");
        await server.WaitForLineAsync(line => line.EndsWith($"] 127.0.0.1:{clientPort} connected", StringComparison.Ordinal), "for the client after the flood");
    }

    [GeneratedRegex(@"^info: DualStackGen\.Samples\.Hosted\.EchoServer\[100\] Listening on \[::\]:(?<port>\d+) \(host ""::"", mode DualStack\)$")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"at most (?<limit>\d+) connections are handled at once: the soft file-descriptor limit 256 less \d+")]
    private static partial Regex DerivedLimit();

    /// <summary>
    /// <see cref="FloodSize"/> connections, alternately over 127.0.0.1 and ::1, left open and silent; those past the
    /// server's accept queue stay in SYN retransmission until disposed.
    /// </summary>
    private sealed class Flood : IDisposable
    {
        private readonly List<Socket> _sockets = [];
        private readonly List<Task> _connects = [];

        public int Connected => _connects.Count(connect => connect.IsCompletedSuccessfully);

        public static async Task<Flood> OpenAsync(int port)
        {
            var flood = new Flood();
            for (int i = 0; i < FloodSize; i++)
            {
                IPAddress address = i % 2 == 0 ? IPAddress.Loopback : IPAddress.IPv6Loopback;
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                flood._sockets.Add(socket);
                flood._connects.Add(socket.ConnectAsync(new IPEndPoint(address, port)));
            }

            await Task.WhenAny(Task.WhenAll(flood._connects), Task.Delay(TimeSpan.FromSeconds(5)));
            return flood;
        }

        public void Dispose()
        {
            foreach (Socket socket in _sockets)
            {
                socket.Dispose();
            }

            foreach (Task connect in _connects)
            {
                // Observed, so that the connects the dispose cancelled raise no unobserved-task exceptions.
                _ = connect.Exception;
            }
        }
    }
}
