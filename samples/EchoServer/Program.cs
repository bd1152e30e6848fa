using System;
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

server.Options.Host = commandLine.Host;
server.Options.Port = commandLine.Port;
server.Options.Mode = commandLine.Mode;
server.Options.Logger = loggerFactory.CreateLogger("EchoServer");
// For an operator: several processes on one port, the kernel spreading clients over them (see the README).
server.Options.ReusePort = Environment.GetEnvironmentVariable("ECHO_REUSE_PORT") == "1";
server.Options.StopTimeout = TimeSpan.FromSeconds(10);

// Runs until Ctrl+C, SIGTERM (docker stop, systemctl stop) or SIGQUIT, then lets open connections finish.
Task run = server.RunAsync();
try
{
    while (!server.IsRunning && !run.IsCompleted)
    {
        await Task.Delay(10);
    }

    if (server.IsRunning)
    {
        Console.WriteLine($"Echo server on {string.Join(", ", server.LocalEndPoints)}; Ctrl+C stops it.");
        SampleChildProcess.StartIfAsked();
    }

    await run;
}
catch (Exception e) when (e is ListenException or FormatException or ArgumentException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

return 0;
