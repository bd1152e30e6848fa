using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen;
using DualStackGen.Samples.Proxied;
using Microsoft.Extensions.Logging;

// Usage: ProxiedEcho [Key=Value ...], with the configuration keys of README's "PROXY protocol" section, as
// ProxiedEcho Port=0 ProxyProtocol:Mode=Optional ProxyProtocol:TrustedProxies=10.0.0.0/8 DeniedNetworks=192.0.2.0/24
await using var server = new ProxiedEcho();

// HAProxy on the same host, on either loopback: the only peers whose PROXY headers are believed unless overridden.
server.Options.ProxyProtocol.Mode = ProxyProtocolMode.Required;
server.Options.ProxyProtocol.TrustedProxies.Add(IPNetwork.Parse("127.0.0.1/32"));
server.Options.ProxyProtocol.TrustedProxies.Add(IPNetwork.Parse("::1/128"));

using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Debug));
server.Options.Logger = loggerFactory.CreateLogger("ProxiedEcho");

var settings = new List<KeyValuePair<string, string?>>();
foreach (string argument in args)
{
    int equals = argument.IndexOf('=', StringComparison.Ordinal);
    if (equals <= 0)
    {
        Console.Error.WriteLine($"Arguments are Key=Value settings; \"{argument}\" is not.");
        return 2;
    }

    settings.Add(new(argument[..equals], argument[(equals + 1)..]));
}

try
{
    if (server.Options.ApplySettings("ProxiedEcho", settings).Count != 0)
    {
        return 2;
    }
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

try
{
    await server.StartAsync(stopping.Token);
}
catch (Exception e) when (e is ListenException or FormatException or ArgumentException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

Console.WriteLine($"Proxied echo server on {string.Join(", ", server.LocalEndPoints)}, PROXY protocol {server.Options.ProxyProtocol.Mode} from {string.Join(", ", server.Options.ProxyProtocol.TrustedProxies)}; Ctrl+C stops it.");
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
