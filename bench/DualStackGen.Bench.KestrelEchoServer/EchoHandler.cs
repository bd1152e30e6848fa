using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;

namespace DualStackGen.Bench.KestrelEchoServer;

/// <summary>Echoes every byte back through Kestrel's transport pipes, as a Kestrel user writes a raw TCP handler.</summary>
internal sealed class EchoHandler : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        PipeReader input = connection.Transport.Input;
        PipeWriter output = connection.Transport.Output;
        while (true)
        {
            ReadResult read = await input.ReadAsync(connection.ConnectionClosed);
            ReadOnlySequence<byte> buffer = read.Buffer;
            foreach (ReadOnlyMemory<byte> segment in buffer)
            {
                output.Write(segment.Span);
            }

            input.AdvanceTo(buffer.End);
            FlushResult flushed = await output.FlushAsync(connection.ConnectionClosed);
            if (read.IsCompleted || flushed.IsCompleted)
            {
                return;
            }
        }
    }
}
