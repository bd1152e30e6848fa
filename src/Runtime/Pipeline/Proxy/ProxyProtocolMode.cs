namespace DualStackGen;

/// <summary>Whether a TCP server reads a PROXY protocol header ahead of each connection (see <see cref="ProxyProtocolOptions"/>).</summary>
public enum ProxyProtocolMode
{
    /// <summary>No header is read: every byte goes to the handler, and the connection's address is the socket's peer. The default.</summary>
    Off,

    /// <summary>
    /// A header is read when the connection starts with one and comes from a trusted proxy; a connection without one
    /// is served with the socket's peer address. The step waits for the client's first bytes (up to
    /// <see cref="ProxyProtocolOptions.HeaderTimeout"/>) to tell, so a protocol where the server speaks first should
    /// use <see cref="Required"/>.
    /// </summary>
    Optional,

    /// <summary>Every connection must come from a trusted proxy and start with a header; any other is refused.</summary>
    Required,
}
