using System;
using System.Threading;

namespace DualStackGen;

/// <summary>
/// One coarse timer for all of a server's connections, as Kestrel's heartbeat: each tick the runner looks at every
/// open connection's last activity, so no read or write arms or resets a timer of its own. Ticks never overlap: a
/// tick that finds the previous one still running is skipped.
/// </summary>
internal sealed class ConnectionHeartbeat : IDisposable
{
    private static readonly TimeSpan s_longestPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_shortestPeriod = TimeSpan.FromMilliseconds(50);

    private readonly Action _tick;
    private readonly Timer _timer;
    private int _ticking;

    private ConnectionHeartbeat(TimeSpan period, Action tick)
    {
        _tick = tick;
        Period = period;
        _timer = new Timer(static state => ((ConnectionHeartbeat)state!).Tick(), this, period, period);
    }

    /// <summary>Gets the time between ticks.</summary>
    public TimeSpan Period { get; }

    /// <summary>
    /// Starts a heartbeat for the given timeouts, or returns <see langword="null"/> when none is finite. Ticks once
    /// a second, as Kestrel's, or four times per timeout for a timeout under 4 seconds, so that a connection is never
    /// closed more than a quarter of its timeout late.
    /// </summary>
    public static ConnectionHeartbeat? Start(Action tick, params TimeSpan[] timeouts)
    {
        TimeSpan? shortest = null;
        foreach (TimeSpan timeout in timeouts)
        {
            if (timeout != Timeout.InfiniteTimeSpan && (shortest is null || timeout < shortest))
            {
                shortest = timeout;
            }
        }

        if (shortest is not { } timeoutToMeet)
        {
            return null;
        }

        TimeSpan period = timeoutToMeet / 4;
        period = period > s_longestPeriod ? s_longestPeriod : period < s_shortestPeriod ? s_shortestPeriod : period;
        return new ConnectionHeartbeat(period, tick);
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) != 0)
        {
            return;
        }

        try
        {
            _tick();
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }
}
