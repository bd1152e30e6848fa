using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// The start/stop/restart races of <see cref="TcpServerHost"/> and <see cref="UdpServerHost"/>, kept in one place:
/// each start creates a fresh single-use run, a start waits for the previous run's stop, and every stop call waits
/// for the stop in progress.
/// </summary>
/// <typeparam name="TRun">The single-use run a start creates.</typeparam>
internal sealed class RestartableServer<TRun>
    where TRun : class, IServerRun
{
    private readonly object _gate = new();
    private readonly string _serverName;
    private TRun? _current;
    private Task _stopped = Task.CompletedTask;

    public RestartableServer(string serverName) => _serverName = serverName;

    /// <summary>
    /// For tests only: called when a start finds the previous run still stopping, just before it waits for that stop,
    /// so a test can release the stop exactly then. <see langword="null"/> outside tests.
    /// </summary>
    internal Action? WaitingForPreviousStop { get; set; }

    public bool IsRunning => Volatile.Read(ref _current)?.IsRunning ?? false;

    public IReadOnlyList<IPEndPoint> LocalEndPoints => Volatile.Read(ref _current)?.LocalEndPoints ?? [];

    public async Task StartAsync(Func<TRun> createRun, CancellationToken cancellationToken)
    {
        TRun run;
        Task previousStop;
        lock (_gate)
        {
            if (_current is not null)
            {
                throw new InvalidOperationException($"{_serverName} is already started; stop it before starting it again.");
            }

            run = createRun();
            Volatile.Write(ref _current, run);
            previousStop = _stopped;
        }

        try
        {
            if (!previousStop.IsCompleted)
            {
                WaitingForPreviousStop?.Invoke();

                // The previous run may still be closing its sockets; binding before that could collide with them on the port.
                await previousStop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await run.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                if (_current == run)
                {
                    Volatile.Write(ref _current, null);
                }
            }

            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        TRun? run;
        TaskCompletionSource stopped;
        lock (_gate)
        {
            run = _current;
            if (run is null)
            {
                return _stopped;
            }

            Volatile.Write(ref _current, null);
            stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _stopped = stopped.Task;
        }

        return StopRunAsync(run, stopped, cancellationToken);
    }

    /// <summary>Stops without waiting for handlers (a stop whose graceful wait is cancelled from the start), blocking until done.</summary>
    public void StopNow() => StopAsync(new CancellationToken(canceled: true)).GetAwaiter().GetResult();

    private static async Task StopRunAsync(TRun run, TaskCompletionSource stopped, CancellationToken cancellationToken)
    {
        try
        {
            await run.StopAsync(cancellationToken).ConfigureAwait(false);
            stopped.TrySetResult();
        }
        catch (Exception e)
        {
            stopped.TrySetException(e);
            throw;
        }
    }
}
