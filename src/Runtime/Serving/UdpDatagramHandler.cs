using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>Serves one received UDP datagram.</summary>
/// <param name="datagram">The datagram; its <see cref="UdpDatagram.Payload"/> is valid only until the returned task completes.</param>
/// <param name="cancellationToken">Cancelled when the server stops.</param>
/// <returns>A task that completes when the datagram is served.</returns>
public delegate ValueTask UdpDatagramHandler(UdpDatagram datagram, CancellationToken cancellationToken);
