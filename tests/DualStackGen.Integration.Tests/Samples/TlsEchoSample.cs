using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;
using DualStackGen.Runtime.Tests.Pipeline;

namespace DualStackGen.Integration.Tests.Samples;

/// <summary>
/// samples/TlsEcho run as a user runs it, with the test's certificate written as PEM files and given on the command
/// line (configuration keys), and a validating <see cref="SslStream"/> client.
/// </summary>
internal sealed class TlsEchoSample : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;

    private TlsEchoSample(string directory, RunningProgram program, int port)
    {
        _directory = directory;
        Program = program;
        Port = port;
    }

    public RunningProgram Program { get; }

    public int Port { get; }

    /// <summary>Starts the sample on a port the OS picks, with the certificate for localhost, 127.0.0.1 and ::1 and ALPN "echo".</summary>
    public static async Task<TlsEchoSample> StartAsync(params string[] moreArguments)
    {
        string directory = Directory.CreateTempSubdirectory("dualstackgen-tlsecho-").FullName;
        string certificatePath = Path.Combine(directory, "server.crt");
        string keyPath = Path.Combine(directory, "server.key");
        await File.WriteAllTextAsync(certificatePath, TlsTestCertificates.Server.ExportCertificatePem());
        using (ECDsa key = TlsTestCertificates.Server.GetECDsaPrivateKey()!)
        {
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        }

        RunningProgram program = RunningProgram.Start(
            "TlsEcho",
            ["--TlsEchoServer:Port=0", $"--TlsEchoServer:Tls:Certificate:Path={certificatePath}", $"--TlsEchoServer:Tls:Certificate:KeyPath={keyPath}", .. moreArguments]);
        try
        {
            int port = await program.WaitForListeningPortAsync(
                "info: DualStackGen.Samples.Tls.TlsEchoServer[100] Listening on ",
                new System.Text.RegularExpressions.Regex(@"^info: DualStackGen\.Samples\.Tls\.TlsEchoServer\[100\] Listening on \[::\]:(?<port>\d+) \(host ""::"", mode DualStack\)$"));
            return new TlsEchoSample(directory, program, port);
        }
        catch
        {
            await program.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Connects over TLS (validating against the test CA, asking for localhost and ALPN "echo"), echoes <paramref name="text"/>.</summary>
    /// <returns>The client's local port and the protocol the server picked.</returns>
    public static async Task<(int ClientPort, SslApplicationProtocol Protocol)> EchoAsync(IPAddress address, int port, string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                CertificateChainPolicy = TlsTestCertificates.TrustingAuthority(),
                ApplicationProtocols = [new SslApplicationProtocol("echo")],
            },
            timeout.Token);
        byte[] sent = Encoding.ASCII.GetBytes(text);
        await tls.WriteAsync(sent, timeout.Token);
        byte[] received = new byte[sent.Length];
        await tls.ReadExactlyAsync(received, timeout.Token);
        Assert.Equal(text, Encoding.ASCII.GetString(received));
        return (((IPEndPoint)socket.LocalEndPoint!).Port, tls.NegotiatedApplicationProtocol);
    }

    public async ValueTask DisposeAsync()
    {
        await Program.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
