using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen;

// Connections per second with TLS off and on, in one invocation: the same TcpServerRunner echo on 127.0.0.1, each
// connection connect + (TLS handshake) + one 64-byte echo + close, `concurrency` at a time. The two modes alternate
// within each round and swap order from round to round; the ratio is the median of each round's paired on/off ratio.
// Server and client share this process (and its cores), so CPU per connection counts both sides. Every handshake is a
// full one unless --resume lets the client resume the TLS session it had (as a returning client would).
int rounds = 3;
double duration = 3;
double warmup = 1;
int concurrency = 16;
bool resume = false;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--resume")
    {
        resume = true;
        continue;
    }

    string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i++])
    {
        case "--rounds": rounds = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--duration": duration = double.Parse(value, CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = double.Parse(value, CultureInfo.InvariantCulture); break;
        case "--concurrency": concurrency = int.Parse(value, CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"unknown option {args[i - 1]}; options: --rounds N --duration S --warmup S --concurrency N --resume");
    }
}

using X509Certificate2 certificate = CreateCertificate();
byte[] message = new byte[64];
RandomNumberGenerator.Fill(message);
var results = new List<(double Off, double On, double OffCpu, double OnCpu)>();
for (int round = 0; round < rounds; round++)
{
    bool[] order = round % 2 == 0 ? [false, true] : [true, false];
    var measured = new Dictionary<bool, (double Rate, double CpuMicroseconds)>();
    foreach (bool tls in order)
    {
        measured[tls] = await RunAsync(tls);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} tls={(tls ? "on " : "off")}: {measured[tls].Rate,8:F0} conn/s, {measured[tls].CpuMicroseconds,6:F0} µs CPU/conn (client+server)"));
    }

    results.Add((measured[false].Rate, measured[true].Rate, measured[false].CpuMicroseconds, measured[true].CpuMicroseconds));
}

double[] ratios = [.. results.Select(r => r.On / r.Off).Order()];
Console.WriteLine();
Console.WriteLine("| point | tls off (conn/s) | tls on (conn/s) | on/off | CPU µs/conn, off on (client+server) |");
Console.WriteLine("|---|---:|---:|---:|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| connect-echo-close, {concurrency} at a time, {(resume ? "resumed sessions" : "full handshakes")} | {Median(results.Select(r => r.Off)):F0} | {Median(results.Select(r => r.On)):F0} | {Median(ratios):F2} ({ratios[0]:F2}–{ratios[^1]:F2}) | {Median(results.Select(r => r.OffCpu)):F0} {Median(results.Select(r => r.OnCpu)):F0} |"));
return 0;

async Task<(double Rate, double CpuMicroseconds)> RunAsync(bool tls)
{
    var options = new TcpServerOptions { Host = "127.0.0.1" };
    if (tls)
    {
        options.Tls = new TlsOptions { Certificate = certificate };
    }

    await using var server = new TcpServerRunner("TlsBench", options, static async (connection, cancellationToken) =>
    {
        byte[] buffer = new byte[64];
        await connection.Stream.ReadExactlyAsync(buffer, cancellationToken);
        await connection.Stream.WriteAsync(buffer, cancellationToken);
    });
    await server.StartAsync();
    var endPoint = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoints[0].Port);

    long completed = 0;
    bool counting = false;
    using var stop = new CancellationTokenSource();
    Task[] clients = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        byte[] echo = new byte[message.Length];
        while (!stop.IsCancellationRequested)
        {
            await OneConnectionAsync(endPoint, tls, echo);
            if (Volatile.Read(ref counting))
            {
                Interlocked.Increment(ref completed);
            }
        }
    }))];

    await Task.Delay(TimeSpan.FromSeconds(warmup));
    TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    long started = Stopwatch.GetTimestamp();
    Volatile.Write(ref counting, true);
    await Task.Delay(TimeSpan.FromSeconds(duration));
    Volatile.Write(ref counting, false);
    double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    long count = Interlocked.Read(ref completed);
    stop.Cancel();
    await Task.WhenAll(clients);
    return (count / elapsed, cpu.TotalMicroseconds / Math.Max(1, count));
}

async Task OneConnectionAsync(IPEndPoint endPoint, bool tls, byte[] echo)
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    await socket.ConnectAsync(endPoint, timeout.Token);
    await using var network = new NetworkStream(socket, ownsSocket: false);
    System.IO.Stream stream = network;
    SslStream? secured = null;
    if (tls)
    {
        secured = new SslStream(network, leaveInnerStreamOpen: true);
        await secured.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                AllowTlsResume = resume,
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
            },
            timeout.Token);
        stream = secured;
    }

    try
    {
        await stream.WriteAsync(message, timeout.Token);
        await stream.ReadExactlyAsync(echo, timeout.Token);
        if (!echo.AsSpan().SequenceEqual(message))
        {
            throw new InvalidOperationException("The echo differs from what was sent.");
        }
    }
    finally
    {
        if (secured is not null)
        {
            await secured.DisposeAsync();
        }
    }
}

static X509Certificate2 CreateCertificate()
{
    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
    var names = new SubjectAlternativeNameBuilder();
    names.AddDnsName("localhost");
    names.AddIpAddress(IPAddress.Loopback);
    request.CertificateExtensions.Add(names.Build());
    using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
}

static double Median(IEnumerable<double> values)
{
    double[] sorted = [.. values.Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
