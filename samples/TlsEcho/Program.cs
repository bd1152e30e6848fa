using System;
using System.IO;
using System.Threading;
using DualStackGen.Samples.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// tlsecho.json sits next to the program, under a name of its own so that it never overwrites another sample's
// appsettings.json where several are copied together. Given as the first source, environment variables and the
// command line still override it. The certificate paths in it are relative to the working directory.
var configuration = new ConfigurationManager();
configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "tlsecho.json"), optional: false);
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    Configuration = configuration,
});
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);

// Options from the "TlsEchoServer" section, Tls:* keys included; a missing certificate stops the host naming the key.
builder.Services.AddTlsEchoServer();

using IHost host = builder.Build();
CancellationToken stopRequested = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
try
{
    await host.RunAsync();
}
catch (OperationCanceledException) when (stopRequested.IsCancellationRequested)
{
    // A stop signal during the start (see samples/HostedServer/Program.cs): the stop that was asked for.
}

return 0;
