using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>
/// A connection waits for data with zero-byte reads and borrows buffers only while bytes flow; these tests pin down
/// that the bytes still all arrive, in order, over both loopbacks, and that an idle copy gives its buffer back.
/// </summary>
public sealed class IdleConnectionTests
{
    public static TheoryData<string> Loopbacks => new() { "127.0.0.1", "::1" };

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task Stream_copy_echoes_small_and_large_messages_after_waiting_without_a_buffer(string loopback)
    {
        await using TcpServerRunner runner = await StartEchoAsync(static (connection, cancellationToken) =>
            new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)));

        await EchoSmallAndLargeMessagesThenCloseAsync(IPAddress.Parse(loopback), runner.LocalEndPoints[0].Port);
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task Transport_echoes_small_and_large_messages_after_waiting_without_a_buffer(string loopback)
    {
        await using TcpServerRunner runner = await StartEchoAsync(static (connection, cancellationToken) =>
            EchoOverTransportAsync(connection.Transport, cancellationToken));

        await EchoSmallAndLargeMessagesThenCloseAsync(IPAddress.Parse(loopback), runner.LocalEndPoints[0].Port);
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task An_idle_stream_copy_holds_no_pooled_buffer_before_the_first_byte_or_after_an_echo(string loopback)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        (Socket acceptedFrom, TcpClientConnection connected, Socket accepted) = await AcceptOneAsync(IPAddress.Parse(loopback), timeout.Token);
        using Socket listener = acceptedFrom;
        using TcpClientConnection client = connected;
        var pool = new CountingArrayPool();
        await using var connection = new TcpConnection(accepted, pool);

        Task copy = connection.Stream.CopyToAsync(connection.Stream, timeout.Token);
        Assert.Equal(0, pool.Outstanding);

        Assert.Equal("first", await client.EchoAsync("first"));
        Assert.True(pool.Rented > 0);
        await pool.WaitUntilAllReturnedAsync(timeout.Token);
        Assert.False(copy.IsCompleted);

        Assert.Equal("second", await client.EchoAsync("second"));
        client.Socket.Shutdown(SocketShutdown.Send);
        await copy.WaitAsync(timeout.Token);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Stream_copy_checks_its_arguments_as_any_stream_does()
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        (Socket acceptedFrom, TcpClientConnection connected, Socket accepted) = await AcceptOneAsync(IPAddress.Loopback, timeout.Token);
        using Socket listener = acceptedFrom;
        using TcpClientConnection client = connected;
        await using var connection = new TcpConnection(accepted);

        await Assert.ThrowsAsync<ArgumentNullException>(() => connection.Stream.CopyToAsync(null!, timeout.Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => connection.Stream.CopyToAsync(connection.Stream, 0, timeout.Token));
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task Stream_copy_cancelled_after_a_read_still_writes_what_it_read_then_ends(string loopback)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        (Socket acceptedFrom, TcpClientConnection connected, Socket accepted) = await AcceptOneAsync(IPAddress.Parse(loopback), timeout.Token);
        using Socket listener = acceptedFrom;
        using TcpClientConnection client = connected;
        await using var connection = new TcpConnection(accepted);
        using var stopping = new CancellationTokenSource();

        // The token fires between the read and its write, as a server's stop can: the request has left the socket.
        var destination = new CancelBeforeWriteStream(connection.Stream, stopping);
        Task copy = connection.Stream.CopyToAsync(destination, stopping.Token);
        await client.SendAsync("request");

        Assert.Equal("request", await client.ReceiveAsync("request".Length));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copy.WaitAsync(timeout.Token));
    }

    // A listening socket on the loopback, a client connected to it, and the server side of that connection.
    private static async Task<(Socket Listener, TcpClientConnection Client, Socket Accepted)> AcceptOneAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen();
        TcpClientConnection client = await TcpClientConnection.ConnectAsync(address, ((IPEndPoint)listener.LocalEndPoint!).Port);
        return (listener, client, await listener.AcceptAsync(cancellationToken));
    }

    private static async Task<TcpServerRunner> StartEchoAsync(TcpConnectionHandler handler)
    {
        var runner = new TcpServerRunner("IdleEcho", new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack }, handler);
        await runner.StartAsync();
        return runner;
    }

    private static async Task EchoSmallAndLargeMessagesThenCloseAsync(IPAddress address, int port)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(address, port);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal($"message {i}", await client.EchoAsync($"message {i}"));
        }

        // Larger than the copy's 80 KiB buffer and the pipe's 4 KiB segments: reads that fill the buffer, then one that does not.
        byte[] large = new byte[300_000];
        new Random(20261201).NextBytes(large);
        Task sending = client.Socket.SendAsync(large, timeout.Token).AsTask();
        byte[] echoed = new byte[large.Length];
        int received = 0;
        while (received < echoed.Length)
        {
            int read = await client.Socket.ReceiveAsync(echoed.AsMemory(received), timeout.Token);
            Assert.NotEqual(0, read);
            received += read;
        }

        await sending;
        Assert.Equal(large, echoed);
        Assert.Equal("after the large one", await client.EchoAsync("after the large one"));

        client.Socket.Shutdown(SocketShutdown.Send);
        Assert.True(await client.ServerClosedAsync());
    }

    private static async ValueTask EchoOverTransportAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult read = await transport.Input.ReadAsync(cancellationToken);
            foreach (ReadOnlyMemory<byte> segment in read.Buffer)
            {
                await transport.Output.WriteAsync(segment, cancellationToken);
            }

            transport.Input.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>Cancels a token as each write begins, then writes to the connection with the token it was given.</summary>
    private sealed class CancelBeforeWriteStream(Stream inner, CancellationTokenSource cancelled) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await cancelled.CancelAsync();
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>The shared pool, counting what is rented and not yet returned.</summary>
    private sealed class CountingArrayPool : ArrayPool<byte>
    {
        private int _outstanding;
        private int _rented;

        public int Outstanding => Volatile.Read(ref _outstanding);

        public int Rented => Volatile.Read(ref _rented);

        public override byte[] Rent(int minimumLength)
        {
            Interlocked.Increment(ref _rented);
            Interlocked.Increment(ref _outstanding);
            return Shared.Rent(minimumLength);
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
            Interlocked.Decrement(ref _outstanding);
            Shared.Return(array, clearArray);
        }

        /// <summary>The echo reaches the client before the copy returns its buffer: wait for that return.</summary>
        public async Task WaitUntilAllReturnedAsync(CancellationToken cancellationToken)
        {
            while (Outstanding != 0)
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }
}
