using System;
using System.Threading;
using DualStackGen.Samples.Hosted;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// appsettings.json sits next to the program; the default content root (the working directory) would miss it when
// the program is started from elsewhere.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);

// Under systemd: READY=1 once every hosted service (both servers) has started, STOPPING=1 at the stop, SIGTERM
// handled by the host. Registered before the servers start, which take the socket-activated sockets (LISTEN_FDS).
builder.Services.AddSystemd();

// Each server: options from its configuration section, ILogger<T>, started and stopped with the host.
builder.Services.AddEchoServer();
builder.Services.AddUdpEchoServer();

using IHost host = builder.Build();
CancellationToken stopRequested = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
try
{
    await host.RunAsync();
}
catch (OperationCanceledException) when (stopRequested.IsCancellationRequested)
{
    // Ctrl+C or SIGTERM came while the servers were still binding: the host cancelled their start, stopped the ones
    // already serving, and Host.StartAsync reports the cancelled start by throwing. That is the stop that was asked
    // for, not a failure.
}

return 0;
