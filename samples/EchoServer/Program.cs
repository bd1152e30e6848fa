using System;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen;
using DualStackGen.Samples;
using Microsoft.Extensions.Logging;

await using var server = new EchoServer();

EchoCommandLine commandLine;
try
{
    commandLine = EchoCommandLine.Parse(args, "EchoServer", new EchoCommandLine(server.Options.Host, server.Options.Port, server.Options.Mode));
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Information));

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

server.Options.Host = commandLine.Host;
server.Options.Port = commandLine.Port;
server.Options.Mode = commandLine.Mode;
server.Options.Logger = loggerFactory.CreateLogger("EchoServer");
try
{
    await server.StartAsync(stopping.Token);
}
catch (Exception e) when (e is ListenException or FormatException or ArgumentException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

Console.WriteLine($"Echo server on {string.Join(", ", server.LocalEndPoints)}; Ctrl+C stops it.");
try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C: stop below, letting open connections finish or be cancelled.
}

await server.StopAsync();
return 0;
