using System;
using System.Collections.Generic;
using System.Net;

namespace DualStackGen;

/// <summary>
/// How a TCP server reads PROXY protocol headers (HAProxy's <c>send-proxy</c> / <c>send-proxy-v2</c>, an AWS NLB, a
/// Kubernetes Service with the proxy protocol): the first step of every connection, ahead of the address lists, TLS and
/// <see cref="TcpServerOptions.ConnectionSteps"/>. Believed from <see cref="TrustedProxies"/> only; see
/// <see cref="TcpConnection.ProxyHeader"/> for what the handler sees.
/// </summary>
public sealed class ProxyProtocolOptions
{
    /// <summary>The default <see cref="HeaderTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default <see cref="MaxTlvBytes"/>: 2 048 bytes.</summary>
    public const int DefaultMaxTlvBytes = 2048;

    /// <summary>The largest <see cref="MaxTlvBytes"/>: what the version 2 length field can carry beyond the largest address block.</summary>
    public const int MaxMaxTlvBytes = ushort.MaxValue - ProxyHeaderParser.V2UnixAddressLength;

    /// <summary>Gets or sets whether headers are read: <see cref="ProxyProtocolMode.Off"/> (the default), optional or required.</summary>
    public ProxyProtocolMode Mode { get; set; }

    /// <summary>
    /// Gets the networks of the proxies whose headers are believed, matched on the socket's normalized peer (so
    /// <c>::ffff:10.0.0.1</c> is in <c>10.0.0.0/8</c>; a network written in the mapped form, <c>::ffff:10.0.0.0/104</c>,
    /// is its IPv4 network). A header from any other peer is refused, never believed. Must not be empty when
    /// <see cref="Mode"/> is not <see cref="ProxyProtocolMode.Off"/>.
    /// </summary>
    public IList<IPNetwork> TrustedProxies { get; } = new List<IPNetwork>();

    /// <summary>
    /// Gets or sets how long a connection may take to send its whole header; <see cref="DefaultHeaderTimeout"/> by
    /// default, <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no limit. A connection still short of it is
    /// refused (<c>proxy_header_timeout</c>).
    /// </summary>
    public TimeSpan HeaderTimeout { get; set; } = DefaultHeaderTimeout;

    /// <summary>
    /// Gets or sets how many bytes of TLVs a version 2 header may carry beyond its addresses, 0 to
    /// <see cref="MaxMaxTlvBytes"/>; <see cref="DefaultMaxTlvBytes"/> by default. A longer header is refused
    /// (<c>proxy_header_too_long</c>) before any of it is buffered: the bound is the step's memory per connection.
    /// </summary>
    public int MaxTlvBytes { get; set; } = DefaultMaxTlvBytes;
}
