using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace HeldOut.Listening.Workers;

/// <summary>A background-service base in the shape of the generic host's: the derived class runs until stopped.</summary>
public abstract class BackgroundWorker
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task StartAsync(CancellationToken cancellationToken) => ExecuteAsync(cancellationToken);
}

public sealed class GatewayOptions
{
    public string Endpoint { get; set; } = "0.0.0.0:7400"; // expect: DSG0002

    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A gateway worker reading its endpoint as "address:port" text.</summary>
public sealed class GatewayWorker : BackgroundWorker
{
    private readonly GatewayOptions _options;

    public GatewayWorker(GatewayOptions options) => _options = options;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = new TcpListener(IPEndPoint.Parse(_options.Endpoint));
        listener.Start();
        while (!stoppingToken.IsCancellationRequested)
        {
            using TcpClient client = await listener.AcceptTcpClientAsync(stoppingToken);
        }
    }
}

/// <summary>A metrics worker whose bind address comes from a settings dictionary with a fallback.</summary>
public sealed class MetricsWorker : BackgroundWorker
{
    private readonly GatewayOptions _options;

    public MetricsWorker(GatewayOptions options) => _options = options;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string bind = _options.Settings.TryGetValue("metrics-bind", out string? configured) ? configured : "0.0.0.0"; // expect: DSG0002
        var listener = new TcpListener(IPAddress.Parse(bind), 9100); // expect: DSG0003
        listener.Start();
        return Task.CompletedTask;
    }
}

/// <summary>A status page on the IPv4 loopback, written as text.</summary>
public sealed class StatusWorker : BackgroundWorker
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = new TcpListener(IPAddress.Parse("127.0.0.1"), 9200); // expect: DSG0006
        listener.Start();
        return Task.CompletedTask;
    }
}
