using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>A test client: a TCP socket on a loopback whose every wait is bounded by <see cref="Loopback.Timeout"/>.</summary>
internal sealed class TcpClientConnection : IDisposable
{
    private TcpClientConnection(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public IPEndPoint LocalEndPoint => (IPEndPoint)Socket.LocalEndPoint!;

    public static async Task<TcpClientConnection> ConnectAsync(IPAddress address, int port)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
            return new TcpClientConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task SendAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        await Socket.SendAsync(Encoding.ASCII.GetBytes(text), timeout.Token);
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes, or fewer if the server closes the connection first.</summary>
    public async Task<string> ReceiveAsync(int length)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        byte[] buffer = new byte[length];
        int received = 0;
        while (received < length)
        {
            int read = await Socket.ReceiveAsync(buffer.AsMemory(received), timeout.Token);
            if (read == 0)
            {
                break;
            }

            received += read;
        }

        return Encoding.ASCII.GetString(buffer, 0, received);
    }

    public async Task<string> EchoAsync(string text)
    {
        await SendAsync(text);
        return await ReceiveAsync(text.Length);
    }

    /// <summary>Waits for the server to close the connection: true for an orderly close or a reset.</summary>
    public async Task<bool> ServerClosedAsync()
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        try
        {
            return await Socket.ReceiveAsync(new byte[1], timeout.Token) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return true;
        }
    }

    public void Dispose() => Socket.Dispose();
}
