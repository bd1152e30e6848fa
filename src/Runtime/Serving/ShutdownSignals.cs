using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace DualStackGen;

/// <summary>
/// The process's one registration for SIGINT, SIGTERM and SIGQUIT (Ctrl+C, the service manager's stop and Ctrl+Break
/// on Windows), shared by every <see cref="ServerHost{TOptions, THandler}.RunAsync"/> in progress: the first signal
/// cancels <see cref="Subscription.Token"/> of all of them and keeps the process alive so they can stop gracefully;
/// a second signal while they stop is left to its default action, so that an operator can still end a stop that
/// takes too long.
/// </summary>
/// <remarks>
/// The handlers are registered while at least one subscription is open and removed with the last one, so that a
/// process with no <c>RunAsync</c> running keeps the default behaviour of each signal.
/// </remarks>
internal static class ShutdownSignals
{
    private static readonly object Gate = new();
    private static PosixSignalRegistration[] _registrations = [];
    private static CancellationTokenSource? _requested;
    private static PosixSignal? _received;
    private static int _subscribers;

    /// <summary>For tests: the signals handled.</summary>
    internal static readonly PosixSignal[] Signals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT];

    /// <summary>Starts listening for the signals, if no one does yet.</summary>
    public static Subscription Subscribe()
    {
        lock (Gate)
        {
            if (_subscribers++ == 0)
            {
                _requested = new CancellationTokenSource();
                _received = null;
                _registrations = Array.ConvertAll(Signals, signal => PosixSignalRegistration.Create(signal, OnSignal));
            }

            return new Subscription(_requested!);
        }
    }

    /// <summary>For tests: delivers <paramref name="signal"/> as the OS would, without sending it to the process.</summary>
    /// <returns>Whether the default action was cancelled (the first signal) or left to happen.</returns>
    internal static bool Deliver(PosixSignal signal)
    {
        PosixSignalContext context = new(signal);
        OnSignal(context);
        return context.Cancel;
    }

    private static void OnSignal(PosixSignalContext context)
    {
        CancellationTokenSource? requested;
        lock (Gate)
        {
            requested = _requested;
            if (requested is null || _received is not null)
            {
                // A second signal: the stop under way is not waited for any longer.
                return;
            }

            _received = context.Signal;
        }

        context.Cancel = true;
        requested.Cancel();
    }

    private static void Unsubscribe()
    {
        lock (Gate)
        {
            if (--_subscribers > 0)
            {
                return;
            }

            foreach (PosixSignalRegistration registration in _registrations)
            {
                registration.Dispose();
            }

            _registrations = [];
            _requested?.Dispose();
            _requested = null;
        }
    }

    /// <summary>One <c>RunAsync</c>'s interest in the signals; disposing it ends that interest.</summary>
    internal sealed class Subscription : IDisposable
    {
        private readonly CancellationTokenSource _requested;
        private int _disposed;

        public Subscription(CancellationTokenSource requested) => _requested = requested;

        /// <summary>Cancelled when the first of the signals arrives.</summary>
        public CancellationToken Token => _requested.Token;

        /// <summary>The signal that cancelled <see cref="Token"/>, once one has.</summary>
        public PosixSignal? Received
        {
            get
            {
                lock (Gate)
                {
                    return _requested.IsCancellationRequested ? _received : null;
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Unsubscribe();
            }
        }
    }
}
