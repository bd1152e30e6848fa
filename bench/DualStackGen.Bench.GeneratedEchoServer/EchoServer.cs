using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Bench.GeneratedEchoServer;

/// <summary>
/// samples/EchoServer's shape without its console line per connection: a generated [TcpServer] whose handler echoes
/// one of three ways, so the engine's cost can be told apart from the handler's.
/// </summary>
[TcpServer("::", 8080, Mode = ListenMode.DualStack)]
public partial class EchoServer
{
    /// <summary>Gets or sets how the handler echoes; set before the server starts.</summary>
    public static EchoHandlerKind Handler { get; set; } = EchoHandlerKind.Copy;

    private static ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => Handler switch
    {
        EchoHandlerKind.Socket => EchoOverSocketAsync(connection.Socket, cancellationToken),
        EchoHandlerKind.Transport => EchoOverTransportAsync(connection.Transport, cancellationToken),
        _ => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)),
    };

    // The raw peer's loop, on the accepted socket: what is left between the two is the engine.
    private static async ValueTask EchoOverSocketAsync(Socket socket, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[4096];
        while (true)
        {
            int received = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                return;
            }

            int sent = 0;
            while (sent < received)
            {
                sent += await socket.SendAsync(buffer.AsMemory(sent, received - sent), SocketFlags.None, cancellationToken);
            }
        }
    }

    private static async ValueTask EchoOverTransportAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult read = await transport.Input.ReadAsync(cancellationToken);
            foreach (ReadOnlyMemory<byte> segment in read.Buffer)
            {
                transport.Output.Write(segment.Span);
            }

            transport.Input.AdvanceTo(read.Buffer.End);
            FlushResult flushed = await transport.Output.FlushAsync(cancellationToken);
            if (read.IsCompleted || flushed.IsCompleted)
            {
                return;
            }
        }
    }
}
