using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace DualStackGen;

/// <summary>
/// A server could not start listening: a bind failed, no endpoint could be bound, or the host could not be
/// resolved. The message names the host, port and mode and every endpoint tried with its family and OS error;
/// no socket is left open when this is thrown.
/// </summary>
public sealed class ListenException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="host">The host as configured.</param>
    /// <param name="port">The port as configured.</param>
    /// <param name="mode">The listen mode.</param>
    /// <param name="reason">What went wrong, in one sentence.</param>
    /// <param name="attempts">Every endpoint tried, in order.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ListenException(string host, int port, ListenMode mode, string reason, IReadOnlyList<BindAttempt> attempts, Exception? innerException = null)
        : base(FormatMessage(host, port, mode, reason, attempts), innerException)
    {
        Host = host;
        Port = port;
        Mode = mode;
        Attempts = attempts;
    }

    /// <summary>Gets the host as configured.</summary>
    public string Host { get; }

    /// <summary>Gets the port as configured (0 for an OS-chosen port).</summary>
    public int Port { get; }

    /// <summary>Gets the listen mode.</summary>
    public ListenMode Mode { get; }

    /// <summary>Gets every endpoint tried, in order, with its OS error.</summary>
    public IReadOnlyList<BindAttempt> Attempts { get; }

    private static string FormatMessage(string host, int port, ListenMode mode, string reason, IReadOnlyList<BindAttempt> attempts)
    {
        var message = new StringBuilder()
            .Append("Could not listen on host \"").Append(host).Append("\" port ").Append(port)
            .Append(" (mode ").Append(mode).Append("): ").Append(reason);
        if (attempts.Count > 0)
        {
            message.Append(" Endpoints tried: ").Append(string.Join("; ", attempts.Select(a => a.ToString()))).Append('.');
        }

        return message.ToString();
    }
}
