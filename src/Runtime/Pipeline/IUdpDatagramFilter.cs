namespace DualStackGen;

/// <summary>
/// The datagram counterpart of <see cref="ITcpConnectionStep"/>: runs on each received datagram, in the order of
/// <see cref="UdpServerOptions.DatagramFilters"/>, before the handler. A refused datagram is dropped without the
/// handler, logged at Debug and counted in <c>dualstackgen.datagrams.failed</c> with the reason as <c>error.type</c>.
/// </summary>
/// <remarks>
/// Synchronous on purpose: it runs on the receive loop for every datagram, where waiting would hold up the socket.
/// A filter that throws drops the datagram, with the exception's type as the reason. With no filter configured the
/// check costs one length test per datagram.
/// </remarks>
public interface IUdpDatagramFilter
{
    /// <summary>Decides on one datagram.</summary>
    /// <param name="datagram">The datagram, with its normalized sender.</param>
    /// <returns><see cref="StepVerdict.Continue"/>, or a <see cref="StepVerdict.Refuse(string)"/> with the reason.</returns>
    StepVerdict Filter(UdpDatagram datagram);
}
