using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen;
using DualStackGen.Samples.EchoServer;
using Microsoft.Extensions.Logging;

EchoCommandLine commandLine;
try
{
    commandLine = EchoCommandLine.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Information));
ILogger logger = loggerFactory.CreateLogger("EchoServer");

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

TcpListenerSet listeners;
try
{
    listeners = await DualStackListener.ListenTcpAsync(
        new ListenOptions { Host = commandLine.Host, Port = commandLine.Port, Mode = commandLine.Mode, Logger = logger },
        stopping.Token);
}
catch (Exception e) when (e is ListenException or FormatException or ArgumentException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

Console.WriteLine($"Echo server on {string.Join(", ", listeners.LocalEndPoints)}; Ctrl+C stops it.");
var connections = new ConcurrentDictionary<Task, bool>();
await using (listeners)
{
    while (!stopping.IsCancellationRequested)
    {
        Socket client;
        try
        {
            client = await listeners.AcceptAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            break;
        }

        Task connection = EchoAsync(client, stopping.Token);
        connections.TryAdd(connection, true);
        _ = connection.ContinueWith(done => connections.TryRemove(done, out _), TaskScheduler.Default);
    }
}

await Task.WhenAll(connections.Keys);
return 0;

static async Task EchoAsync(Socket client, CancellationToken cancellationToken)
{
    await Task.Yield();
    var remote = ((IPEndPoint)client.RemoteEndPoint!).Normalize();
    Console.WriteLine($"{remote.ToDisplayString()} connected");
    client.NoDelay = true;
    await using var stream = new NetworkStream(client, ownsSocket: true);
    try
    {
        await stream.CopyToAsync(stream, cancellationToken);
    }
    catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
    {
        // The client went away or the server is stopping: either way this connection is done.
    }
}
