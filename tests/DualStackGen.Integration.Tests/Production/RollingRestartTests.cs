using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Namespaces;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Production;

/// <summary>
/// The two zero-downtime restarts the README describes, with a client loop running through each: every attempt
/// connects, sends a line and must read the same line back. The sequences are driven by a shell script, as an
/// operator's deploy script would drive them; the script prints what the loop counted.
/// </summary>
public sealed partial class RollingRestartTests(ITestOutputHelper output)
{
    // Connects, sends one line and reads it back, over and over, until told to stop; every attempt that does not
    // return its own line is a failure (bash's /dev/tcp: no process per attempt).
    private const string ClientLoop = """
        client() {
          n=0; ok=0; failed=0
          while [ ! -e "$T/stop" ]; do
            n=$((n+1))
            if exec 7<>/dev/tcp/127.0.0.1/$P; then
              echo "m$n" >&7
              if read -t 30 reply <&7 && [ "$reply" = "m$n" ]; then ok=$((ok+1)); else failed=$((failed+1)); echo "failed_at=$(now_ms)" >> "$T/failures"; fi
              exec 7>&-
            else
              failed=$((failed+1)); echo "failed_at=$(now_ms) connect" >> "$T/failures"
            fi
          done
          echo "client attempts=$n ok=$ok failed=$failed"
          [ -e "$T/failures" ] && cat "$T/failures"
        }
        wait_banner() {
          for i in $(seq 1 1200); do grep -q '^Echo server on ' "$1" && return 0; sleep 0.05; done
          echo "no banner in $1:"; cat "$1"; exit 3
        }
        now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
        """;

    // Start B next to A on the same port (both SO_REUSEPORT), then SIGTERM A: it stops accepting and drains. Run in a
    // network namespace of its own with net.ipv4.tcp_migrate_req=1, as the README recommends: without it, a
    // connection the kernel had queued on A's listening socket when A closed it is reset.
    private const string ReusePortHandOver = ClientLoop + """

        set -u
        ip link set lo up
        sysctl -qw net.ipv4.tcp_migrate_req=1
        export ECHO_REUSE_PORT=1
        "$DOTNET" "$SAMPLE" --host 127.0.0.1 --mode Auto --port $P > "$T/a.log" 2>&1 & a=$!
        wait_banner "$T/a.log"
        client > "$T/client.log" & c=$!
        sleep 1
        "$DOTNET" "$SAMPLE" --host 127.0.0.1 --mode Auto --port $P > "$T/b.log" 2>&1 & b=$!
        wait_banner "$T/b.log"
        sleep 1
        start=$(now_ms); kill -TERM $a; wait $a; rc=$?; end=$(now_ms); echo "old exit=$rc drain_ms=$(( end - start )) term_ms=$start old_exit_ms=$end"
        sleep 1
        touch "$T/stop"; wait $c; cat "$T/client.log"
        echo "served old=$(grep -c ' connected$' "$T/a.log") new=$(grep -c ' connected$' "$T/b.log")"
        kill -TERM $b; wait $b; echo "new exit=$?"
        """;

    // A supervisor that holds the socket-activated socket, as systemd does, and restarts the server: SIGTERM the old
    // process, wait for it, start the new one on the same inherited socket. Clients that connect in between wait in
    // the socket's backlog.
    private const string SocketActivationRestart = ClientLoop + """

        set -u
        run() { ( export LISTEN_PID=$BASHPID; exec "$DOTNET" "$SAMPLE" --host 127.0.0.1 --mode Auto --port $P > "$1" 2>&1 ) & server=$!; }
        run "$T/a.log"; a=$server
        wait_banner "$T/a.log"
        client > "$T/client.log" & c=$!
        sleep 1
        start=$(now_ms); kill -TERM $a; wait $a; echo "old exit=$? drain_ms=$(( $(now_ms) - start ))"
        run "$T/b.log"; b=$server
        wait_banner "$T/b.log"; echo "gap_ms=$(( $(now_ms) - start ))"
        sleep 1
        touch "$T/stop"; wait $c; cat "$T/client.log"
        echo "served old=$(grep -c ' connected$' "$T/a.log") new=$(grep -c ' connected$' "$T/b.log")"
        kill -TERM $b; wait $b; echo "new exit=$?"
        """;

    [Fact]
    public async Task A_client_loop_through_a_ReusePort_hand_over_loses_no_attempt_and_no_echo()
    {
        NetworkNamespace.RequireAvailable();
        using var temporary = new TemporaryFolder();
        await using RunningProgram script = RunningProgram.StartExecutable("unshare", ["-n", "bash", "-c", ReusePortHandOver], Variables(temporary.Path, port: 7400));

        await script.ExpectCleanExitAsync();
        AssertNothingLost(script, "ReusePort hand-over", oneResetAtTheCloseAllowed: true);
    }

    [Fact]
    public async Task A_client_loop_through_a_socket_activation_restart_loses_no_attempt_and_no_echo()
    {
        ProductionTools.RequireSocketActivate();
        using var temporary = new TemporaryFolder();
        int port = ProductionTools.FreePort();
        Dictionary<string, string> variables = Variables(temporary.Path, port);
        string[] environment = [.. variables.Keys.Append("PATH").SelectMany(name => new[] { "-E", name })];
        await using RunningProgram script = RunningProgram.StartExecutable(
            ProductionTools.SocketActivate, ["-l", $"127.0.0.1:{port}", .. environment, "bash", "-c", SocketActivationRestart], variables);
        await script.WaitForLineAsync(line => line.StartsWith("stderr: Listening on 127.0.0.1:", StringComparison.Ordinal), "from systemd-socket-activate");

        // systemd-socket-activate starts the supervisor at the first connection; that client is served too.
        await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "first client");
        await script.ExpectCleanExitAsync();
        AssertNothingLost(script, "socket-activation restart");
    }

    private Dictionary<string, string> Variables(string temporary, int port) => new()
    {
        ["DOTNET"] = DotnetHost.Path,
        ["SAMPLE"] = DotnetHost.Program("EchoServer"),
        ["T"] = temporary,
        ["P"] = port.ToString(CultureInfo.InvariantCulture),
    };

    // With oneResetAtTheCloseAllowed, one attempt may fail if it is a reset while the old process closes its
    // listener: a connection that completes its handshake on the old SO_REUSEPORT socket at that instant is reset by
    // the kernel even with net.ipv4.tcp_migrate_req=1 (measured here in 4 of 12 runs of this test, and in 4 of 25 runs of its
    // script on the runtime before the stop stopped cancelling accepts; the old process never accepts it). Any other failure, or a second one, fails the test.
    private void AssertNothingLost(RunningProgram script, string sequence, bool oneResetAtTheCloseAllowed = false)
    {
        string report = script.Describe();
        output.WriteLine($"{sequence}:\n{report}");
        Match client = ClientReport().Match(report);
        Assert.True(client.Success, report);
        int attempts = int.Parse(client.Groups["attempts"].Value, CultureInfo.InvariantCulture);
        int ok = int.Parse(client.Groups["ok"].Value, CultureInfo.InvariantCulture);
        int failed = int.Parse(client.Groups["failed"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(attempts, ok + failed);
        if (failed != 0)
        {
            Assert.True(oneResetAtTheCloseAllowed && failed == 1, report);
            Match failure = FailureReport().Match(report);
            Match close = CloseReport().Match(report);
            Assert.True(failure.Success && !failure.Groups["connect"].Success && close.Success, report);
            Assert.Contains("Connection reset by peer", report, StringComparison.Ordinal);
            long at = long.Parse(failure.Groups["at"].Value, CultureInfo.InvariantCulture);
            Assert.InRange(at, long.Parse(close.Groups["term"].Value, CultureInfo.InvariantCulture), long.Parse(close.Groups["exit"].Value, CultureInfo.InvariantCulture) + 100);
            output.WriteLine("one connection reset as the old listener closed: the kernel's migration race, tolerated once");
        }

        Assert.Contains("old exit=0 ", report, StringComparison.Ordinal);
        Assert.Contains("new exit=0", report, StringComparison.Ordinal);

        // Both processes served part of the loop: the restart happened while it ran.
        Match served = ServedReport().Match(report);
        Assert.True(served.Success, report);
        Assert.NotEqual("0", served.Groups["old"].Value);
        Assert.NotEqual("0", served.Groups["new"].Value);
    }

    [GeneratedRegex(@"client attempts=(?<attempts>\d+) ok=(?<ok>\d+) failed=(?<failed>\d+)")]
    private static partial Regex ClientReport();

    [GeneratedRegex(@"served old=(?<old>\d+) new=(?<new>\d+)")]
    private static partial Regex ServedReport();

    [GeneratedRegex(@"^failed_at=(?<at>\d+)(?<connect> connect)?\s*$", RegexOptions.Multiline)]
    private static partial Regex FailureReport();

    [GeneratedRegex(@"term_ms=(?<term>\d+) old_exit_ms=(?<exit>\d+)")]
    private static partial Regex CloseReport();

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = System.IO.Directory.CreateTempSubdirectory("dsg-restart-").FullName;

        public void Dispose() => System.IO.Directory.Delete(Path, recursive: true);
    }
}
