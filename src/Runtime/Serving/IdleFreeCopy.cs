using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// The copy loop of a connection's streams (plain and TLS): it holds no buffer while the peer is idle.
/// </summary>
/// <remarks>
/// <see cref="Stream.CopyToAsync(Stream)"/> rents an 80 KiB buffer for the whole copy, so an echo handler's idle
/// connection would hold one for its whole life. This loop waits with a zero-byte read, rents only when bytes have
/// arrived, and returns the buffer after a read that did not fill it; a read that fills it keeps it, so a bulk copy
/// pays no extra receive.
/// <para>
/// The token ends the copy between chunks, never inside one: bytes already read are written whatever the token says,
/// since a cancelled write would have consumed them from the source and delivered them nowhere (an echo server stopping
/// would drop the request it had just read). A write the peer never drains is ended by closing the connection, as the
/// server's stop timeout and idle timeout do.
/// </para>
/// </remarks>
internal static class IdleFreeCopy
{
    public static async Task CopyAsync(Stream source, Stream destination, int bufferSize, ArrayPool<byte> bufferPool, CancellationToken cancellationToken)
    {
        byte[]? buffer = null;
        try
        {
            while (true)
            {
                if (buffer is null)
                {
                    await source.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                    buffer = bufferPool.Rent(bufferSize);
                }

                int read = await source.ReadAsync(buffer.AsMemory(0, bufferSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None).ConfigureAwait(false);
                if (read < bufferSize)
                {
                    bufferPool.Return(buffer);
                    buffer = null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                bufferPool.Return(buffer);
            }
        }
    }
}
