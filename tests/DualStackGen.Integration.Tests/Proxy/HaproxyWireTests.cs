using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen.Integration.Tests.Proxy;

/// <summary>
/// What a real HAProxy puts on the wire ahead of a client's bytes with <c>send-proxy</c> and <c>send-proxy-v2</c>,
/// read by a bare socket: the formats the server's PROXY step parses, as this HAProxy really writes them.
/// </summary>
public sealed class HaproxyWireTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Send_proxy_writes_a_v1_line_with_the_clients_address_and_port_before_its_bytes()
    {
        using var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        backend.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        backend.Listen();
        int frontendPort = HaproxyProcess.FreePort();
        await using HaproxyProcess haproxy = await HaproxyProcess.StartAsync($"""
            listen v1
                bind 127.0.0.1:{frontendPort}
                server only 127.0.0.1:{((IPEndPoint)backend.LocalEndPoint!).Port} send-proxy
            """, frontendPort);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, frontendPort);
        await client.SendAsync("hello"u8.ToArray(), SocketFlags.None);
        using Socket accepted = await AcceptAsync(backend);

        string expected = $"PROXY TCP4 127.0.0.1 127.0.0.1 {((IPEndPoint)client.LocalEndPoint!).Port} {frontendPort}\r\nhello";
        Assert.Equal(expected, Encoding.ASCII.GetString(await ReceiveAsync(accepted, expected.Length)));
    }

    [Fact]
    public async Task Send_proxy_v2_writes_the_binary_header_with_the_ipv6_clients_address_and_port()
    {
        using var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        backend.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        backend.Listen();
        int frontendPort = HaproxyProcess.FreePort();
        await using HaproxyProcess haproxy = await HaproxyProcess.StartAsync($"""
            listen v2
                bind [::1]:{frontendPort}
                server only 127.0.0.1:{((IPEndPoint)backend.LocalEndPoint!).Port} send-proxy-v2
            """, frontendPort);

        using var client = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.IPv6Loopback, frontendPort);
        await client.SendAsync("hello"u8.ToArray(), SocketFlags.None);
        using Socket accepted = await AcceptAsync(backend);

        byte[] fixedPart = await ReceiveAsync(accepted, 16);
        Assert.Equal("\r\n\r\n\0\r\nQUIT\n"u8.ToArray(), fixedPart[..12]);
        Assert.Equal(0x21, fixedPart[12]);
        Assert.Equal(0x21, fixedPart[13]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(fixedPart.AsSpan(14));
        byte[] rest = await ReceiveAsync(accepted, length + "hello".Length);
        Assert.Equal(IPAddress.IPv6Loopback, new IPAddress(rest.AsSpan(0, 16)));
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, BinaryPrimitives.ReadUInt16BigEndian(rest.AsSpan(32)));
        Assert.Equal(frontendPort, BinaryPrimitives.ReadUInt16BigEndian(rest.AsSpan(34)));
        Assert.Equal("hello", Encoding.ASCII.GetString(rest.AsSpan(length)));
    }

    private static async Task<Socket> AcceptAsync(Socket listener)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await listener.AcceptAsync(timeout.Token);
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket, int count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        byte[] buffer = new byte[count];
        int received = 0;
        while (received < count)
        {
            int read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token);
            Assert.True(read > 0, $"The connection closed after {received} of {count} bytes.");
            received += read;
        }

        return buffer;
    }
}
