using System;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Samples;

/// <summary>
/// Sends every datagram back to where it came from, through the socket and family it arrived on; everything but the
/// handler is generated from the attribute.
/// </summary>
[UdpServer("::", 8081, Mode = ListenMode.DualStack)]
public partial class UdpEcho
{
    private static async ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{datagram.RemoteEndPoint.ToDisplayString()} sent {datagram.Payload.Length} bytes");
        await datagram.ReplyAsync(datagram.Payload, cancellationToken);
    }
}
