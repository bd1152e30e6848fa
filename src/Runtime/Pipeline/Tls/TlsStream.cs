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
/// Its copy is the plain connection stream's (<see cref="IdleFreeCopy"/>): a zero-byte read on an
/// <see cref="SslStream"/> with no decrypted bytes left goes down to the socket, and holds no buffer meanwhile.
/// </remarks>
internal sealed class TlsStream(Stream innerStream, ArrayPool<byte> copyBufferPool) : SslStream(innerStream, leaveInnerStreamOpen: true)
{
    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ValidateCopyToArguments(destination, bufferSize);
        return IdleFreeCopy.CopyAsync(this, destination, bufferSize, copyBufferPool, cancellationToken);
    }
}
