using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Pipeline;

/// <summary>A TLS client on a loopback: a real socket and <see cref="SslStream"/>, validating against the test CA.</summary>
internal sealed class TlsTestClient : IDisposable
{
    private readonly Socket _socket;

    private TlsTestClient(Socket socket, SslStream stream)
    {
        _socket = socket;
        Stream = stream;
    }

    public SslStream Stream { get; }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Connects and makes the handshake; the server's certificate must chain to the test CA and match <paramref name="targetHost"/>.</summary>
    public static async Task<TlsTestClient> ConnectAsync(
        IPAddress address,
        int port,
        string targetHost = "localhost",
        IEnumerable<string>? applicationProtocols = null,
        X509Certificate2? clientCertificate = null)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        SslStream? stream = null;
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
            stream = new SslStream(new NetworkStream(socket, ownsSocket: false));
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = targetHost,
                CertificateChainPolicy = TlsTestCertificates.TrustingAuthority(),
            };
            if (applicationProtocols is not null)
            {
                options.ApplicationProtocols = [.. ToProtocols(applicationProtocols)];
            }

            if (clientCertificate is not null)
            {
                options.ClientCertificates = [clientCertificate];
            }

            await stream.AuthenticateAsClientAsync(options, timeout.Token);
            return new TlsTestClient(socket, stream);
        }
        catch
        {
            stream?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    public async Task<string> EchoAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        byte[] sent = Encoding.ASCII.GetBytes(text);
        await Stream.WriteAsync(sent, timeout.Token);
        byte[] received = new byte[sent.Length];
        await Stream.ReadExactlyAsync(received, timeout.Token);
        return Encoding.ASCII.GetString(received);
    }

    /// <summary>Waits for the server to end the session: true for a close, a reset or a TLS alert.</summary>
    public async Task<bool> ServerClosedAsync()
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        try
        {
            return await Stream.ReadAsync(new byte[1], timeout.Token) == 0;
        }
        catch (Exception e) when (e is System.IO.IOException or System.Security.Authentication.AuthenticationException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        _socket.Dispose();
    }

    private static IEnumerable<SslApplicationProtocol> ToProtocols(IEnumerable<string> protocols)
    {
        foreach (string protocol in protocols)
        {
            yield return new SslApplicationProtocol(protocol);
        }
    }
}
