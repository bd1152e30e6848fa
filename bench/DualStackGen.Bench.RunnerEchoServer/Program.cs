using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen;
using DualStackGen.Bench;

// The runtime's TcpServerRunner driven by hand, with the echo handler a [TcpServer] class would write: it isolates
// the engine's cost from whatever the generated sample adds (console lines, logging set-up).
if (ServerCommandLine.ParsePort(args, "RunnerEchoServer") is not int port)
{
    return 2;
}

using CancellationTokenSource stopping = ServerCommandLine.StopOnCtrlC();

await using var server = new TcpServerRunner(
    "RunnerEchoServer",
    new TcpServerOptions { Host = "::", Port = port, Mode = ListenMode.DualStack },
    static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)));
await server.StartAsync(stopping.Token);
Console.WriteLine($"Echo server on {string.Join(", ", server.LocalEndPoints)}; Ctrl+C stops it.");
try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C: fall through to the graceful stop.
}

return 0;
