using System;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// The start/stop state shared by <see cref="TcpServerRunner"/> and <see cref="UdpServerRunner"/>: one start per
/// runner, a stop that is idempotent and safe to call while the start is still binding (it cancels the start, waits
/// for it to settle, then stops whatever did start), and a stop whose caller's token cuts the graceful wait short.
/// </summary>
internal sealed class ServerLifecycle
{
    private readonly object _gate = new();
    private readonly string _serverName;
    private readonly CancellationTokenSource _startAborted = new();
    private readonly CancellationTokenSource _gracefulWaitAborted = new();
    private readonly TaskCompletionSource _startSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _startCalled;
    private bool _stopCalled;
    private bool _running;

    public ServerLifecycle(string serverName) => _serverName = serverName;

    public bool IsRunning => Volatile.Read(ref _running);

    /// <summary>Opens the sockets and, unless a stop came first, hands them to <paramref name="run"/> as one step.</summary>
    /// <param name="open">Binds; its token is cancelled by the caller's token and by a concurrent stop.</param>
    /// <param name="run">Takes ownership of the sockets and starts serving; must not block.</param>
    /// <param name="cancellationToken">The start's caller's token.</param>
    public async Task StartAsync<TSockets>(Func<CancellationToken, Task<TSockets>> open, Action<TSockets> run, CancellationToken cancellationToken)
        where TSockets : IDisposable
    {
        lock (_gate)
        {
            if (_startCalled)
            {
                throw new InvalidOperationException($"{_serverName} was already started once; a runner starts once, create a new one to start again.");
            }

            if (_stopCalled)
            {
                throw new InvalidOperationException($"{_serverName} was stopped before it was started; create a new runner to start it.");
            }

            _startCalled = true;
        }

        try
        {
            using var startCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _startAborted.Token);
            TSockets sockets = await open(startCancellation.Token).ConfigureAwait(false);
            lock (_gate)
            {
                if (!_stopCalled)
                {
                    try
                    {
                        run(sockets);
                    }
                    catch
                    {
                        sockets.Dispose();
                        throw;
                    }

                    Volatile.Write(ref _running, true);
                    return;
                }
            }

            sockets.Dispose();
            throw new OperationCanceledException($"{_serverName} was stopped while it was starting.", _startAborted.Token);
        }
        finally
        {
            _startSettled.TrySetResult();
        }
    }

    /// <summary>Stops once; every call waits for that one stop.</summary>
    /// <param name="stop">
    /// Stops serving, given a token that fires when a caller of this method gives up waiting gracefully; runs only
    /// if the start got as far as serving.
    /// </param>
    /// <param name="cancellationToken">This caller's token: cancelling it makes the stop skip the rest of its graceful wait.</param>
    public async Task StopAsync(Func<CancellationToken, Task> stop, CancellationToken cancellationToken)
    {
        bool first;
        bool started;
        lock (_gate)
        {
            first = !_stopCalled;
            started = _startCalled;
            _stopCalled = true;
        }

        if (first)
        {
            _startAborted.Cancel();
            _ = RunStopAsync(stop, started);
        }

        if (!cancellationToken.CanBeCanceled || _stopped.Task.IsCompleted)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }

        using (cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _gracefulWaitAborted))
        {
            await _stopped.Task.ConfigureAwait(false);
        }
    }

    private async Task RunStopAsync(Func<CancellationToken, Task> stop, bool started)
    {
        try
        {
            if (started)
            {
                await _startSettled.Task.ConfigureAwait(false);
            }

            if (Volatile.Read(ref _running))
            {
                Volatile.Write(ref _running, false);
                await stop(_gracefulWaitAborted.Token).ConfigureAwait(false);
            }

            _stopped.TrySetResult();
        }
        catch (Exception e)
        {
            _stopped.TrySetException(e);
        }
    }

    /// <summary>Waits for <paramref name="work"/> up to <paramref name="timeout"/> or until <paramref name="gracefulWaitAborted"/> fires.</summary>
    /// <returns><see langword="true"/> when the work finished in time.</returns>
    public static async Task<bool> WaitGracefullyAsync(Task work, TimeSpan timeout, CancellationToken gracefulWaitAborted)
    {
        try
        {
            await work.WaitAsync(timeout, gracefulWaitAborted).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return false;
        }
    }
}
