using System;
using System.Buffers;
using System.IO;
using System.Net.Security;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// The <see cref="SslStream"/> a TLS connection's handler reads and writes plaintext through, over the connection's
/// own stream; its copy holds no buffer while the peer is idle.
/// </summary>
/// <remarks>
/// <see cref="Stream.CopyToAsync(Stream)"/> would rent an 80 KiB buffer for the whole life of an echo handler's
/// connection. As the plain connection stream does, the copy waits with a zero-byte read (SslStream passes it to the
/// socket when it has no decrypted bytes left, and holds no buffer of its own meanwhile), rents its buffer only then,
/// and returns it after a read that did not fill it.
/// </remarks>
internal sealed class TlsStream(Stream innerStream, ArrayPool<byte> copyBufferPool) : SslStream(innerStream, leaveInnerStreamOpen: true)
{
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ValidateCopyToArguments(destination, bufferSize);
        byte[]? buffer = null;
        try
        {
            while (true)
            {
                if (buffer is null)
                {
                    await ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                    buffer = copyBufferPool.Rent(bufferSize);
                }

                int read = await ReadAsync(buffer.AsMemory(0, bufferSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                if (read < bufferSize)
                {
                    copyBufferPool.Return(buffer);
                    buffer = null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                copyBufferPool.Return(buffer);
            }
        }
    }
}
