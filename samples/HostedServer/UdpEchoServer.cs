using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Samples.Hosted;

/// <summary>
/// Sends every datagram back to where it came from. Host, port and mode come from the "UdpEchoServer" section of the
/// configuration; the attribute's values are the defaults.
/// </summary>
[UdpServer("::", 9081, Mode = ListenMode.DualStack)]
public partial class UdpEchoServer
{
    private static ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken)
        => datagram.ReplyAsync(datagram.Payload, cancellationToken);
}
