using System;
using System.Net.Sockets;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// Tells the service manager when the process is ready and when it stops, for the servers run by
/// <see cref="ServerHost{TOptions, THandler}.RunAsync"/>: <c>READY=1</c> once every server whose <c>RunAsync</c> is in
/// progress is listening, <c>STOPPING=1</c> when the first of them begins to stop. Each is sent once per process.
/// Hosted servers take no part: the generic host's own lifetime (Microsoft.Extensions.Hosting.Systemd) sends both
/// once every hosted service has started.
/// </summary>
internal static class ServiceReadiness
{
    private static readonly object Gate = new();
    private static int _running;
    private static int _listening;
    private static bool _readySent;
    private static bool _stoppingSent;

    /// <summary>For tests: replaces <see cref="SystemdNotify.Send"/>.</summary>
    internal static Action<string, string> Sender { get; set; } = SystemdNotify.Send;

    /// <summary>For tests: forgets what was sent, as in a new process.</summary>
    internal static void Reset()
    {
        lock (Gate)
        {
            _readySent = false;
            _stoppingSent = false;
        }
    }

    /// <summary>Counts a server whose <c>RunAsync</c> has begun; call before its start.</summary>
    public static Run Begin(string serverName, ILogger? logger)
    {
        lock (Gate)
        {
            _running++;
        }

        return new Run(serverName, logger);
    }

    private static void Notify(string state, string serverName, ILogger? logger)
    {
        if (SystemdNotify.SocketAddress is not { } address)
        {
            return;
        }

        try
        {
            Sender(address, state);
            if (logger is not null)
            {
                Log.ServiceManagerNotified(logger, serverName, state, address);
            }
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            // The service manager's view is wrong (it may time the start out), the servers are fine: keep serving.
            if (logger is not null)
            {
                Log.ServiceManagerNotifyFailed(logger, serverName, state, address, e);
            }
        }
    }

    /// <summary>One server's part in the process's readiness.</summary>
    internal sealed class Run : IDisposable
    {
        private readonly string _serverName;
        private readonly ILogger? _logger;
        private bool _listening;
        private int _ended;

        public Run(string serverName, ILogger? logger)
        {
            _serverName = serverName;
            _logger = logger;
        }

        /// <summary>The server listens; the last of the running servers to get here sends <c>READY=1</c>.</summary>
        public void Listening()
        {
            bool send;
            lock (Gate)
            {
                _listening = true;
                ServiceReadiness._listening++;
                send = !_readySent && ServiceReadiness._listening == _running;
                _readySent |= send;
            }

            if (send)
            {
                Notify("READY=1", _serverName, _logger);
            }
        }

        /// <summary>The server begins to stop; the first to get here sends <c>STOPPING=1</c>.</summary>
        public void Stopping()
        {
            bool send;
            lock (Gate)
            {
                send = !_stoppingSent;
                _stoppingSent = true;
            }

            if (send)
            {
                Notify("STOPPING=1", _serverName, _logger);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
            {
                return;
            }

            bool send = false;
            lock (Gate)
            {
                _running--;
                if (_listening)
                {
                    ServiceReadiness._listening--;
                }
                else
                {
                    // A server that failed to start no longer holds the others' readiness back.
                    send = !_readySent && _running > 0 && ServiceReadiness._listening == _running;
                    _readySent |= send;
                }
            }

            if (send)
            {
                Notify("READY=1", _serverName, _logger);
            }
        }
    }
}
