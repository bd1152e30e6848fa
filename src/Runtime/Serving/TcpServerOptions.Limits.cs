using System;
using System.Collections.Generic;
using System.Threading;

namespace DualStackGen;

public sealed partial class TcpServerOptions
{
    private static readonly string[] LimitSettingNames =
    [
        nameof(IdleTimeout), nameof(FirstByteTimeout), nameof(MaxConnectionsPerAddress), nameof(RaiseDescriptorLimit),
        nameof(KeepAlive), nameof(KeepAliveTime), nameof(KeepAliveInterval), nameof(KeepAliveRetryCount),
    ];

    /// <summary>
    /// Gets or sets how long a connection may go without a byte received or sent before the server closes it;
    /// 2 minutes by default, <see cref="Timeout.InfiniteTimeSpan"/> for never. Checked by one timer for all
    /// connections, once a second (four times per timeout when the timeout is under 4 seconds), so a connection is
    /// closed up to that much later than the timeout. The close is logged at Debug and counted with the
    /// <c>error.type</c> <see cref="ServerMetricNames.IdleTimeoutErrorType"/>.
    /// </summary>
    /// <remarks>
    /// Bytes count when they pass through <see cref="TcpConnection.Stream"/> or <see cref="TcpConnection.Transport"/>;
    /// a handler that reads or writes <see cref="TcpConnection.Socket"/> directly is not seen and should set this to
    /// <see cref="Timeout.InfiniteTimeSpan"/>. A handler that works longer than this without any I/O (a slow query
    /// before the reply) is cut as well; raise it for such a server.
    /// </remarks>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets how long after the accept the client's first byte may take to arrive before the server closes
    /// the connection; <see cref="Timeout.InfiniteTimeSpan"/> (the default) for no limit beyond
    /// <see cref="IdleTimeout"/>. For protocols where the client speaks first (HTTP, a PROXY header, a TLS hello),
    /// a short value (Kestrel uses 30 seconds for request headers) frees the slot of a client that connects and says
    /// nothing. Counted with the <c>error.type</c> <see cref="ServerMetricNames.FirstByteTimeoutErrorType"/>.
    /// </summary>
    public TimeSpan FirstByteTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Gets or sets how many connections one peer address may have open at once; 0 (the default) for no limit. The
    /// address is the normalized one, so <c>::ffff:192.0.2.1</c> and <c>192.0.2.1</c> count as one. A connection over
    /// the limit is closed at once without running the handler, logged at Debug and counted in
    /// <see cref="ServerMetricNames.ConnectionsRejected"/> with <see cref="ServerMetricNames.MaxConnectionsPerAddressErrorType"/>.
    /// Behind a NAT or a proxy many clients share an address: set it with that in mind.
    /// </summary>
    public int MaxConnectionsPerAddress { get; set; }

    /// <summary>
    /// Gets or sets whether the first start in the process raises the soft file-descriptor limit (RLIMIT_NOFILE) to
    /// the hard limit on Linux and macOS, as Go does; <see langword="true"/> by default. The raise is logged.
    /// </summary>
    public bool RaiseDescriptorLimit { get; set; } = true;

    /// <summary>
    /// Gets or sets whether accepted connections get TCP keepalive (<c>SO_KEEPALIVE</c>), so that a peer that vanished
    /// without a FIN (a crashed host, a dropped NAT mapping) is detected; <see langword="false"/> by default.
    /// </summary>
    public bool KeepAlive { get; set; }

    /// <summary>
    /// Gets or sets how long a connection is idle before the first keepalive probe (<c>TCP_KEEPIDLE</c>), whole
    /// seconds from 1 to 32767; <see langword="null"/> (the default) for the OS's (2 hours on Linux). Needs <see cref="KeepAlive"/>.
    /// </summary>
    public TimeSpan? KeepAliveTime { get; set; }

    /// <summary>
    /// Gets or sets the time between keepalive probes (<c>TCP_KEEPINTVL</c>), whole seconds from 1 to 32767;
    /// <see langword="null"/> (the default) for the OS's (75 seconds on Linux). Needs <see cref="KeepAlive"/>.
    /// </summary>
    public TimeSpan? KeepAliveInterval { get; set; }

    /// <summary>
    /// Gets or sets how many unanswered probes close the connection (<c>TCP_KEEPCNT</c>), 1 to 127;
    /// <see langword="null"/> (the default) for the OS's (9 on Linux). Needs <see cref="KeepAlive"/>.
    /// </summary>
    public int? KeepAliveRetryCount { get; set; }

    /// <summary>At start: throws naming the option when a limit is out of range or the keepalive options contradict each other.</summary>
    internal void ThrowIfInvalidLimits()
    {
        ThrowIfInvalidTimeout(IdleTimeout, nameof(IdleTimeout));
        ThrowIfInvalidTimeout(FirstByteTimeout, nameof(FirstByteTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxConnectionsPerAddress, nameof(MaxConnectionsPerAddress));
        ThrowIfInvalidKeepAliveSeconds(KeepAliveTime, nameof(KeepAliveTime));
        ThrowIfInvalidKeepAliveSeconds(KeepAliveInterval, nameof(KeepAliveInterval));
        if (KeepAliveRetryCount is { } count && count is < 1 or > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(KeepAliveRetryCount), count, "KeepAliveRetryCount must be from 1 to 127 (the largest TCP_KEEPCNT Linux takes), or null for the OS's default.");
        }

        if (!KeepAlive && (KeepAliveTime is not null || KeepAliveInterval is not null || KeepAliveRetryCount is not null))
        {
            throw new ArgumentException("KeepAliveTime, KeepAliveInterval or KeepAliveRetryCount is set but KeepAlive is false, so they would have no effect; set KeepAlive to true, or leave them null.");
        }
    }

    private static void ThrowIfInvalidTimeout(TimeSpan timeout, string name)
    {
        if (timeout != Timeout.InfiniteTimeSpan && (timeout <= TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(name, timeout, $"{name} must be positive and at most 24.20:31:23.647, or Timeout.InfiniteTimeSpan for no limit.");
        }
    }

    private static void ThrowIfInvalidKeepAliveSeconds(TimeSpan? value, string name)
    {
        if (value is { } time && (time < TimeSpan.FromSeconds(1) || time > TimeSpan.FromSeconds(32767) || time.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new ArgumentOutOfRangeException(name, time, $"{name} must be whole seconds from 1 to 32767 (what TCP keepalive takes), or null for the OS's default.");
        }
    }

    private bool TryApplyLimitSetting(string key, string value, string fullKey)
    {
        if (IsSetting(key, nameof(IdleTimeout)))
        {
            IdleTimeout = ParseTimeout(fullKey, value, allowZero: false);
        }
        else if (IsSetting(key, nameof(FirstByteTimeout)))
        {
            FirstByteTimeout = ParseTimeout(fullKey, value, allowZero: false);
        }
        else if (IsSetting(key, nameof(MaxConnectionsPerAddress)))
        {
            MaxConnectionsPerAddress = ParseSetting(fullKey, value, 0, int.MaxValue, "a whole number of at least 0 (0 for no limit).");
        }
        else if (IsSetting(key, nameof(RaiseDescriptorLimit)))
        {
            RaiseDescriptorLimit = ParseBoolean(fullKey, value);
        }
        else if (IsSetting(key, nameof(KeepAlive)))
        {
            KeepAlive = ParseBoolean(fullKey, value);
        }
        else if (IsSetting(key, nameof(KeepAliveTime)))
        {
            KeepAliveTime = TimeSpan.FromSeconds(ParseSetting(fullKey, value, 1, 32767, "whole seconds from 1 to 32767 (TCP_KEEPIDLE)."));
        }
        else if (IsSetting(key, nameof(KeepAliveInterval)))
        {
            KeepAliveInterval = TimeSpan.FromSeconds(ParseSetting(fullKey, value, 1, 32767, "whole seconds from 1 to 32767 (TCP_KEEPINTVL)."));
        }
        else if (IsSetting(key, nameof(KeepAliveRetryCount)))
        {
            KeepAliveRetryCount = ParseSetting(fullKey, value, 1, 127, "a whole number from 1 to 127 (TCP_KEEPCNT).");
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool ParseBoolean(string fullKey, string value) =>
        bool.TryParse(value.Trim(), out bool parsed) ? parsed : throw InvalidSetting(fullKey, value, "true or false.");
}
