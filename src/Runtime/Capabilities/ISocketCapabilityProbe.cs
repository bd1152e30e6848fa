namespace DualStackGen;

/// <summary>
/// Tells which address families and socket kinds the OS supports. The default, <see cref="OsSocketCapabilityProbe"/>,
/// asks the OS once per process; tests and unusual hosts substitute their own.
/// </summary>
public interface ISocketCapabilityProbe
{
    /// <summary>Gets the capabilities; may be called on every listen, so implementations cache.</summary>
    /// <returns>What the OS's sockets can do.</returns>
    SocketCapabilities GetCapabilities();
}
