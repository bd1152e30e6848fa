using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>One start-to-stop run of a server, as <see cref="TcpServerRunner"/> and <see cref="UdpServerRunner"/> are.</summary>
internal interface IServerRun : IAsyncDisposable
{
    bool IsRunning { get; }

    IReadOnlyList<IPEndPoint> LocalEndPoints { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}
