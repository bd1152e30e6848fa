using System;
using System.Linq;
using System.Net;
using System.Threading;
using DualStackGen.Bench;
using DualStackGen.Bench.KestrelEchoServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The peer a .NET developer would otherwise reach for: Kestrel with a connection handler (no HTTP), on its default
// socket transport, listening on one dual-stack [::] socket like the other servers.
if (ServerCommandLine.ParsePort(args, "KestrelEchoServer") is not int port)
{
    return 2;
}

using CancellationTokenSource stopping = ServerCommandLine.StopOnCtrlC();

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.IPv6Any, port, listen => listen.UseConnectionHandler<EchoHandler>()));
await using WebApplication app = builder.Build();
await app.StartAsync(stopping.Token);

// Kestrel names the bound port (when 0 was asked for) only through the server's addresses feature.
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
Console.WriteLine($"Echo server on [::]:{new Uri(address).Port}; Ctrl+C stops it.");
// Ctrl+C, or SIGTERM through the host's lifetime.
await app.WaitForShutdownAsync(stopping.Token);
return 0;
