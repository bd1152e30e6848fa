using System;

namespace DualStackGen;

/// <summary>
/// Turns a <see langword="partial"/> class into a TCP server that listens on <see cref="Host"/> and
/// <see cref="Port"/> and hands every accepted connection to the class's <c>OnConnectionAsync</c> method.
/// </summary>
/// <remarks>
/// The values given here are the server's defaults; the generated options let them be overridden at run time.
/// See <see cref="ListenMode"/> for how the host and the mode combine.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TcpServerAttribute : Attribute
{
    /// <summary>Creates the attribute for a server on <paramref name="host"/> and <paramref name="port"/>.</summary>
    /// <param name="host">
    /// <c>"::"</c> or <c>"*"</c> for any address, <c>"0.0.0.0"</c> for IPv4 any, <c>"localhost"</c> for both
    /// loopbacks, an IPv4 or IPv6 literal, or a host name resolved once at start.
    /// </param>
    /// <param name="port">The TCP port, 0 to 65535; 0 asks the OS for a free port.</param>
    public TcpServerAttribute(string host, int port)
    {
        Host = host;
        Port = port;
    }

    /// <summary>Gets the host the server listens on by default.</summary>
    public string Host { get; }

    /// <summary>Gets the port the server listens on by default.</summary>
    public int Port { get; }

    /// <summary>Gets or sets the address families served and how; <see cref="ListenMode.Auto"/> by default.</summary>
    public ListenMode Mode { get; set; } = ListenMode.Auto;

    /// <summary>Gets or sets the length of each listening socket's accept queue; 512 by default, as Kestrel.</summary>
    public int Backlog { get; set; } = ServerOptionLimits.DefaultBacklog;

    /// <summary>
    /// Gets or sets how many connections are served at once; 0, the default, means no limit. Connections beyond
    /// the limit wait in the accept queue.
    /// </summary>
    public int MaxConcurrentConnections { get; set; }
}
