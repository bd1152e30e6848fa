using System;
using System.Diagnostics;
using System.Net;

namespace DualStackGen;

/// <summary>
/// Records one <see cref="TcpServerRunner"/>'s connections: once when a connection is accepted and once when it
/// closes, never per read or write. Nothing is allocated or computed for an instrument nobody listens to.
/// </summary>
internal sealed class TcpServerMetrics
{
    private const string Transport = "tcp";

    private readonly ServerInstruments _instruments;
    private readonly string _serverName;

    public TcpServerMetrics(ServerInstruments instruments, string serverName)
    {
        _instruments = instruments;
        _serverName = serverName;
    }

    /// <summary>Records a connection handed to the handler path; pass what it returns to <see cref="ConnectionClosed"/>.</summary>
    /// <param name="peer">The peer's address, normalized or not.</param>
    public OpenConnectionMetrics ConnectionAccepted(IPAddress peer)
    {
        bool acceptedEnabled = _instruments.ConnectionsAccepted.Enabled;

        // Whether the +1 was recorded is remembered, so the -1 is recorded exactly when it was: a listener that
        // subscribes while the connection is open must not see the count go below zero.
        bool countedActive = _instruments.ConnectionsActive.Enabled;
        if (acceptedEnabled || countedActive)
        {
            TagList tags = ServerInstruments.PeerTags(_serverName, Transport, peer);
            if (acceptedEnabled)
            {
                _instruments.ConnectionsAccepted.Add(1, tags);
            }

            if (countedActive)
            {
                _instruments.ConnectionsActive.Add(1, tags);
            }
        }

        return new OpenConnectionMetrics(Stopwatch.GetTimestamp(), countedActive);
    }

    /// <summary>Records the close of a connection <see cref="ConnectionAccepted"/> recorded.</summary>
    /// <param name="peer">The peer's address, as given to <see cref="ConnectionAccepted"/>.</param>
    /// <param name="open">What <see cref="ConnectionAccepted"/> returned.</param>
    /// <param name="errorType">The <c>error.type</c> when the connection ended in failure; otherwise <see langword="null"/>.</param>
    public void ConnectionClosed(IPAddress peer, OpenConnectionMetrics open, string? errorType)
    {
        bool durationEnabled = _instruments.ConnectionDuration.Enabled;
        bool failedEnabled = errorType is not null && _instruments.ConnectionsFailed.Enabled;
        if (!open.CountedActive && !durationEnabled && !failedEnabled)
        {
            return;
        }

        TagList tags = ServerInstruments.PeerTags(_serverName, Transport, peer);
        if (open.CountedActive)
        {
            _instruments.ConnectionsActive.Add(-1, tags);
        }

        if (errorType is not null)
        {
            tags.Add(ServerMetricNames.ErrorTypeTag, errorType);
        }

        if (durationEnabled)
        {
            _instruments.ConnectionDuration.Record(Stopwatch.GetElapsedTime(open.AcceptedTimestamp).TotalSeconds, tags);
        }

        if (failedEnabled)
        {
            _instruments.ConnectionsFailed.Add(1, tags);
        }
    }

    /// <summary>Records a connection closed without running the handler.</summary>
    /// <param name="peer">The peer's address, normalized or not.</param>
    /// <param name="errorType">The refusing step's reason; <see langword="null"/> for a connection the stop overtook.</param>
    public void ConnectionRejected(IPAddress peer, string? errorType = null)
    {
        if (_instruments.ConnectionsRejected.Enabled)
        {
            TagList tags = ServerInstruments.PeerTags(_serverName, Transport, peer);
            if (errorType is not null)
            {
                tags.Add(ServerMetricNames.ErrorTypeTag, errorType);
            }

            _instruments.ConnectionsRejected.Add(1, tags);
        }
    }

    /// <summary>Records an accept that failed before the peer's address was known.</summary>
    /// <param name="exception">What the accept threw.</param>
    public void AcceptFailed(Exception exception)
    {
        if (_instruments.ConnectionsFailed.Enabled)
        {
            TagList tags = ServerInstruments.ServerTags(_serverName, Transport);
            tags.Add(ServerMetricNames.ErrorTypeTag, ServerInstruments.ErrorType(exception));
            _instruments.ConnectionsFailed.Add(1, tags);
        }
    }

    /// <summary>Records the start of an episode in which accepts failed for want of descriptors or buffers.</summary>
    /// <param name="error">What the accept failed with.</param>
    public void AcceptPaused(System.Net.Sockets.SocketError error)
    {
        if (_instruments.AcceptPauses.Enabled)
        {
            TagList tags = ServerInstruments.ServerTags(_serverName, Transport);
            tags.Add(ServerMetricNames.ErrorTypeTag, error.ToString());
            _instruments.AcceptPauses.Add(1, tags);
        }
    }
}
