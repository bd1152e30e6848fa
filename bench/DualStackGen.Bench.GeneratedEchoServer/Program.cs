using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Bench;
using DualStackGen.Bench.GeneratedEchoServer;

// usage: GeneratedEchoServer [--port PORT] [--handler copy|socket|transport] [--proxy v2]
var portArguments = new List<string>();
bool proxyProtocol = false;
for (int i = 0; i < args.Length; i += 2)
{
    if (args[i] == "--proxy" && i + 1 < args.Length && args[i + 1] == "v2")
    {
        // bench/run's generated-proxy peer: every connection starts with a PROXY header from a loopback "proxy".
        proxyProtocol = true;
    }
    else if (args[i] != "--handler")
    {
        portArguments.AddRange(args[i..Math.Min(i + 2, args.Length)]);
    }
    else if (i + 1 < args.Length && Enum.TryParse(args[i + 1], ignoreCase: true, out EchoHandlerKind handler) && Enum.IsDefined(handler))
    {
        EchoServer.Handler = handler;
    }
    else
    {
        Console.Error.WriteLine("usage: GeneratedEchoServer [--port PORT] [--handler copy|socket|transport]");
        return 2;
    }
}

if (ServerCommandLine.ParsePort([.. portArguments], "GeneratedEchoServer [--handler copy|socket|transport]") is not int port)
{
    return 2;
}

using CancellationTokenSource stopping = ServerCommandLine.StopOnCtrlC();
await using var server = new EchoServer();
server.Options.Port = port;
if (proxyProtocol)
{
    server.Options.ProxyProtocol.Mode = DualStackGen.ProxyProtocolMode.Required;
    server.Options.ProxyProtocol.TrustedProxies.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
}

await server.StartAsync(stopping.Token);
Console.WriteLine($"Echo server on {string.Join(", ", server.LocalEndPoints)}; handler {EchoServer.Handler}; PROXY protocol {server.Options.ProxyProtocol.Mode}; Ctrl+C stops it.");
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
