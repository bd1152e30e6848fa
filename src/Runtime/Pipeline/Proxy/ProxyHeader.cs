using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DualStackGen;

/// <summary>
/// The PROXY protocol header a trusted proxy sent ahead of a connection (see <see cref="TcpConnection.ProxyHeader"/>):
/// who the client is, what it connected to, and, in version 2, the proxy's TLVs.
/// </summary>
public sealed class ProxyHeader
{
    private const byte AlpnType = 0x01;
    private const byte AuthorityType = 0x02;
    private const byte UniqueIdType = 0x05;
    private const byte SslType = 0x20;

    internal ProxyHeader(int version, bool isLocal, AddressFamily family, IPEndPoint? sourceEndPoint, IPEndPoint? destinationEndPoint, IReadOnlyList<ProxyTlv> tlvs)
    {
        Version = version;
        IsLocal = isLocal;
        Family = family;
        SourceEndPoint = sourceEndPoint?.Normalize();
        DestinationEndPoint = destinationEndPoint?.Normalize();
        Tlvs = tlvs;
        foreach (ProxyTlv tlv in tlvs)
        {
            switch (tlv.Type)
            {
                case AlpnType:
                    Alpn ??= tlv.Value;
                    break;
                case AuthorityType:
                    Authority ??= Encoding.UTF8.GetString(tlv.Value.Span);
                    break;
                case UniqueIdType:
                    UniqueId ??= tlv.Value;
                    break;
                case SslType:
                    Ssl ??= ProxySslInfo.Parse(tlv.Value.Span);
                    break;
            }
        }
    }

    /// <summary>Gets the protocol version: 1 (the text line) or 2 (binary).</summary>
    public int Version { get; }

    /// <summary>
    /// Gets a value indicating whether the proxy sent the connection on its own behalf (version 2 <c>LOCAL</c>, as
    /// HAProxy's health checks do): there is no client, and the connection keeps the proxy's address.
    /// </summary>
    public bool IsLocal { get; }

    /// <summary>
    /// Gets the proxied connection's address family: <see cref="AddressFamily.InterNetwork"/> or
    /// <see cref="AddressFamily.InterNetworkV6"/> for TCP clients, <see cref="AddressFamily.Unix"/> for a client on a
    /// Unix socket, <see cref="AddressFamily.Unspecified"/> when the proxy did not say (v1 <c>UNKNOWN</c>, v2 <c>UNSPEC</c>).
    /// </summary>
    public AddressFamily Family { get; }

    /// <summary>Gets the client's endpoint as the proxy saw it, normalized; <see langword="null"/> unless the family is IPv4 or IPv6 and the command not <c>LOCAL</c>.</summary>
    public IPEndPoint? SourceEndPoint { get; }

    /// <summary>Gets the endpoint the client connected to (the proxy's frontend), normalized; <see langword="null"/> when <see cref="SourceEndPoint"/> is.</summary>
    public IPEndPoint? DestinationEndPoint { get; }

    /// <summary>Gets the version 2 TLVs, in the order sent; empty for version 1.</summary>
    public IReadOnlyList<ProxyTlv> Tlvs { get; }

    /// <summary>Gets the application protocol the client negotiated with the proxy (PP2_TYPE_ALPN), if sent.</summary>
    public ReadOnlyMemory<byte>? Alpn { get; }

    /// <summary>Gets the host name the client asked for (PP2_TYPE_AUTHORITY, the TLS SNI), if sent.</summary>
    public string? Authority { get; }

    /// <summary>Gets the proxy's unique id of the connection (PP2_TYPE_UNIQUE_ID, HAProxy's <c>unique-id-format</c>), if sent.</summary>
    public ReadOnlyMemory<byte>? UniqueId { get; }

    /// <summary>Gets the TLS facts of the client's connection to the proxy (PP2_TYPE_SSL), if sent and well formed.</summary>
    public ProxySslInfo? Ssl { get; }

    /// <summary>Returns the version, command and addresses, for logs.</summary>
    /// <returns>For example <c>PROXY v2 127.0.0.1:51514 -&gt; 127.0.0.1:8080</c> or <c>PROXY v2 LOCAL</c>.</returns>
    public override string ToString() => IsLocal
        ? $"PROXY v{Version} LOCAL"
        : SourceEndPoint is null ? $"PROXY v{Version} {Family}" : $"PROXY v{Version} {SourceEndPoint} -> {DestinationEndPoint}";
}
