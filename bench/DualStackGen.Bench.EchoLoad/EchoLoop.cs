using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Bench.EchoLoad;

/// <summary>
/// One closed-loop connection: sends a message, waits for all of its echo, checks it byte for byte, repeats. Each
/// message carries the connection's index and a sequence number, so a stale, reordered or mixed-up echo is caught.
/// </summary>
internal sealed class EchoLoop : IDisposable
{
    // Counters of different connections are written by different threads: keep each on a cache line of its own.
    private const int CounterStride = 16;

    private readonly Socket _socket;
    private readonly int _index;
    private readonly byte[] _message;
    private readonly byte[] _echo;
    private readonly long[] _completed;

    private EchoLoop(Socket socket, int index, int messageSize, long[] completed)
    {
        _socket = socket;
        _index = index;
        _completed = completed;
        _message = ArrayPool<byte>.Shared.Rent(messageSize);
        _echo = ArrayPool<byte>.Shared.Rent(messageSize);
        MessageSize = messageSize;
        for (int i = 8; i < messageSize; i++)
        {
            _message[i] = (byte)(index * 31 + i);
        }
    }

    public int MessageSize { get; }

    public static long[] CreateCounters(int connections) => new long[connections * CounterStride];

    public static long Total(long[] counters)
    {
        long total = 0;
        for (int i = 0; i < counters.Length; i += CounterStride)
        {
            total += Volatile.Read(ref counters[i]);
        }

        return total;
    }

    public static async Task<EchoLoop> ConnectAsync(EndPoint server, int index, int messageSize, long[] counters, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
            return new EchoLoop(socket, index, messageSize, counters);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Runs request after request until <paramref name="stop"/> fires; throws on any error or mismatch.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        uint sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_message, (uint)_index);
            BinaryPrimitives.WriteUInt32LittleEndian(_message.AsSpan(4), sequence++);
            await SendAllAsync();
            await ReceiveAllAsync();
            if (!_echo.AsSpan(0, MessageSize).SequenceEqual(_message.AsSpan(0, MessageSize)))
            {
                throw new InvalidOperationException($"connection {_index}: echo of message {sequence - 1} differs from what was sent");
            }

            int slot = _index * CounterStride;
            Volatile.Write(ref _completed[slot], _completed[slot] + 1);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        ArrayPool<byte>.Shared.Return(_message);
        ArrayPool<byte>.Shared.Return(_echo);
    }

    private async ValueTask SendAllAsync()
    {
        int sent = 0;
        while (sent < MessageSize)
        {
            sent += await _socket.SendAsync(_message.AsMemory(sent, MessageSize - sent), SocketFlags.None);
        }
    }

    private async ValueTask ReceiveAllAsync()
    {
        int received = 0;
        while (received < MessageSize)
        {
            int read = await _socket.ReceiveAsync(_echo.AsMemory(received, MessageSize - received), SocketFlags.None);
            if (read == 0)
            {
                throw new InvalidOperationException($"connection {_index}: the server closed the connection after {received} of {MessageSize} echoed bytes");
            }

            received += read;
        }
    }
}
