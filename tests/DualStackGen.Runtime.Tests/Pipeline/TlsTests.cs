using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Metrics;
using DualStackGen.Runtime.Tests.Serving;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Pipeline;

/// <summary>
/// TLS on a TCP server, with real <see cref="SslStream"/> clients on 127.0.0.1 and ::1 and certificates made by the
/// test: the handler reads and writes plaintext, sees what was negotiated, and every failed handshake closes the
/// connection without the handler and is counted with its reason.
/// </summary>
public sealed class TlsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task A_validating_client_echoes_through_a_dual_stack_TLS_server_and_the_handler_sees_the_session(string clientAddress)
    {
        var sessions = new ConcurrentQueue<(TlsConnectionInfo? Tls, IPEndPoint Remote)>();
        var logger = new RecordingLogger();
        var options = new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Logger = logger, Tls = new TlsOptions { Certificate = TlsTestCertificates.Server } };
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("TlsEcho"), options);
        await server.StartAsync(async (connection, cancellationToken) =>
        {
            sessions.Enqueue((connection.Tls, connection.RemoteEndPoint));
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        });

        IPAddress address = IPAddress.Parse(clientAddress);
        using TlsTestClient client = await TlsTestClient.ConnectAsync(address, server.LocalEndPoints[0].Port);
        Assert.Equal("hello over TLS", await client.EchoAsync("hello over TLS"));
        Assert.Equal("and again", await client.EchoAsync("and again"));

        (TlsConnectionInfo? tls, IPEndPoint remote) = Assert.Single(sessions);
        Assert.NotNull(tls);
        Assert.Equal(address, remote.Address);
        Assert.Equal(client.LocalEndPoint.Port, remote.Port);
        Assert.Equal("localhost", tls.HostName);
        Assert.Equal(client.Stream.SslProtocol, tls.Protocol);
        Assert.Equal(client.Stream.NegotiatedCipherSuite, tls.CipherSuite);
        Assert.True(tls.Protocol is SslProtocols.Tls12 or SslProtocols.Tls13, tls.Protocol.ToString());
        Assert.Null(tls.ClientCertificate);
        Assert.Contains(logger.MessagesAt(LogLevel.Information), m => m.Contains("TLS on, certificate CN=localhost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALPN_picks_the_servers_protocol_the_client_offers_and_the_Transport_pipe_carries_plaintext()
    {
        var negotiated = new ConcurrentQueue<SslApplicationProtocol>();
        var tls = new TlsOptions { Certificate = TlsTestCertificates.Server };
        tls.ApplicationProtocols.Add(new SslApplicationProtocol("echo/1"));
        tls.ApplicationProtocols.Add(SslApplicationProtocol.Http2);
        var options = new TcpServerOptions { Host = "::1", Tls = tls };
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("TlsAlpn"), options);
        await server.StartAsync(async (connection, cancellationToken) =>
        {
            negotiated.Enqueue(connection.Tls!.ApplicationProtocol);
            PipeReader input = connection.Transport.Input;
            while (true)
            {
                ReadResult read = await input.ReadAsync(cancellationToken);
                foreach (ReadOnlyMemory<byte> segment in read.Buffer)
                {
                    await connection.Transport.Output.WriteAsync(segment, cancellationToken);
                }

                input.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }
            }
        });

        using TlsTestClient client = await TlsTestClient.ConnectAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port, applicationProtocols: ["h2", "other"]);
        Assert.Equal("through the pipe", await client.EchoAsync("through the pipe"));
        Assert.Equal(SslApplicationProtocol.Http2, client.Stream.NegotiatedApplicationProtocol);
        Assert.Equal(SslApplicationProtocol.Http2, Assert.Single(negotiated));
    }

    [Fact]
    public async Task A_required_client_certificate_is_visible_on_the_connection_and_a_client_without_one_is_refused_and_counted()
    {
        string name = ServerMeasurements.UniqueServerName("TlsClientCertificate");
        using var measurements = new ServerMeasurements(name);
        var seen = new ConcurrentQueue<string?>();
        var tls = new TlsOptions
        {
            Certificate = TlsTestCertificates.Server,
            ClientCertificateMode = TlsClientCertificateMode.RequireCertificate,
            ClientCertificateValidation = static (certificate, _, _) =>
            {
                using var chain = new X509Chain { ChainPolicy = TlsTestCertificates.TrustingAuthority() };
                return chain.Build(certificate);
            },
        };
        await using var server = new TcpServerHost(name, new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Tls = tls });
        await server.StartAsync(async (connection, cancellationToken) =>
        {
            seen.Enqueue(connection.Tls!.ClientCertificate?.Thumbprint);
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        });
        int port = server.LocalEndPoints[0].Port;

        using (TlsTestClient withCertificate = await TlsTestClient.ConnectAsync(IPAddress.Loopback, port, clientCertificate: TlsTestCertificates.Client))
        {
            Assert.Equal("authenticated", await withCertificate.EchoAsync("authenticated"));
        }

        Assert.Equal(TlsTestCertificates.Client.Thumbprint, Assert.Single(seen));

        // Under TLS 1.3 the client's own handshake may finish before the server judges its (missing) certificate, so
        // the refusal shows as the session ending, not necessarily as a failed AuthenticateAsClientAsync.
        try
        {
            using TlsTestClient without = await TlsTestClient.ConnectAsync(IPAddress.IPv6Loopback, port);
            Assert.True(await without.ServerClosedAsync());
        }
        catch (Exception e) when (e is AuthenticationException or System.IO.IOException)
        {
        }

        await measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected) == 1, "the client without a certificate");
        Assert.Equal(TlsOptions.HandshakeFailedReason, Assert.Single(measurements.Of(ServerMetricNames.ConnectionsRejected)).Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Single(seen);
    }

    [Fact]
    public async Task A_client_asking_for_another_host_name_refuses_the_certificate_and_no_byte_reaches_the_handler()
    {
        var outcomes = new ConcurrentQueue<string>();
        var options = new TcpServerOptions { Host = "127.0.0.1", Tls = new TlsOptions { Certificate = TlsTestCertificates.Server } };
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("TlsWrongName"), options);
        await server.StartAsync((connection, cancellationToken) => RecordFirstReadAsync(connection, outcomes, cancellationToken));

        AuthenticationException refused = await Assert.ThrowsAsync<AuthenticationException>(
            () => TlsTestClient.ConnectAsync(IPAddress.Loopback, server.LocalEndPoints[0].Port, targetHost: "wrong.example"));
        Assert.Contains("RemoteCertificateNameMismatch", refused.Message, StringComparison.Ordinal);
        await AssertNoByteReachedTheHandlerAsync(outcomes);
    }

    [Fact]
    public async Task A_server_with_an_expired_certificate_warns_at_start_and_a_validating_client_refuses_it()
    {
        var logger = new RecordingLogger();
        var outcomes = new ConcurrentQueue<string>();
        var options = new TcpServerOptions { Host = "::1", Logger = logger, Tls = new TlsOptions { Certificate = TlsTestCertificates.ExpiredServer } };
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("TlsExpired"), options);
        await server.StartAsync((connection, cancellationToken) => RecordFirstReadAsync(connection, outcomes, cancellationToken));
        Assert.Contains(logger.MessagesAt(LogLevel.Warning), m => m.Contains("CN=localhost (expired) is valid only from", StringComparison.Ordinal));

        AuthenticationException refused = await Assert.ThrowsAsync<AuthenticationException>(
            () => TlsTestClient.ConnectAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port));
        Assert.Contains("NotTimeValid", refused.Message, StringComparison.Ordinal);
        await AssertNoByteReachedTheHandlerAsync(outcomes);
    }

    [Fact]
    public async Task A_client_that_never_speaks_is_closed_at_the_handshake_timeout_and_counted()
    {
        string name = ServerMeasurements.UniqueServerName("TlsTimeout");
        using var measurements = new ServerMeasurements(name);
        var logger = new RecordingLogger();
        var tls = new TlsOptions { Certificate = TlsTestCertificates.Server, HandshakeTimeout = TimeSpan.FromMilliseconds(300) };
        await using var server = new TcpServerHost(name, new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Logger = logger, Tls = tls });
        await server.StartAsync(static (_, _) => throw new InvalidOperationException("the handler must not run"));

        using TcpClientConnection silent = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.LocalEndPoints[0].Port);
        Assert.True(await silent.ServerClosedAsync());

        await measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected) == 1, "the timed-out handshake");
        Assert.Equal(TlsOptions.HandshakeTimeoutReason, Assert.Single(measurements.Of(ServerMetricNames.ConnectionsRejected)).Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Contains(logger.MessagesAt(LogLevel.Debug), m => m.EndsWith("did not finish within 00:00:00.3000000", StringComparison.Ordinal));
        Assert.Contains(logger.MessagesAt(LogLevel.Debug), m => m.EndsWith("refused by TlsConnectionStep: tls_handshake_timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plaintext_client_is_closed_without_the_handler_and_counted()
    {
        string name = ServerMeasurements.UniqueServerName("TlsPlaintext");
        using var measurements = new ServerMeasurements(name);
        await using var server = new TcpServerHost(name, new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Tls = new TlsOptions { Certificate = TlsTestCertificates.Server } });
        await server.StartAsync(static (_, _) => throw new InvalidOperationException("the handler must not run"));

        using TcpClientConnection plaintext = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port);
        await plaintext.SendAsync("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Assert.True(await plaintext.ServerClosedAsync());

        await measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected) == 1, "the plaintext client");
        Assert.Equal(TlsOptions.HandshakeFailedReason, Assert.Single(measurements.Of(ServerMetricNames.ConnectionsRejected)).Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Empty(measurements.Of(ServerMetricNames.ConnectionsAccepted));
    }

    [Fact]
    public async Task SslServerAuthenticationOptions_choose_the_certificate_by_the_host_name_the_client_asks_for()
    {
        var hostNames = new ConcurrentQueue<string?>();
        var tls = new TlsOptions
        {
            AuthenticationOptions = new SslServerAuthenticationOptions
            {
                ServerCertificateSelectionCallback = static (_, hostName) =>
                    hostName == "other.test" ? TlsTestCertificates.OtherServer : TlsTestCertificates.Server,
            },
        };
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("TlsSni"), new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Tls = tls });
        await server.StartAsync(async (connection, cancellationToken) =>
        {
            hostNames.Enqueue(connection.Tls!.HostName);
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        });
        int port = server.LocalEndPoints[0].Port;

        using (TlsTestClient other = await TlsTestClient.ConnectAsync(IPAddress.Loopback, port, targetHost: "other.test"))
        {
            Assert.Equal("CN=other.test", other.Stream.RemoteCertificate!.Subject);
            Assert.Equal("other", await other.EchoAsync("other"));
        }

        using (TlsTestClient local = await TlsTestClient.ConnectAsync(IPAddress.IPv6Loopback, port))
        {
            Assert.Equal("CN=localhost", local.Stream.RemoteCertificate!.Subject);
            Assert.Equal("local", await local.EchoAsync("local"));
        }

        Assert.Equal(["other.test", "localhost"], hostNames);
    }

    [Fact]
    public async Task The_per_connection_callback_sees_the_connection_and_the_client_hello()
    {
        var asked = new ConcurrentQueue<(IPEndPoint Remote, string ServerName)>();
        var tls = new TlsOptions
        {
            AuthenticationOptionsCallback = (connection, hello, _) =>
            {
                asked.Enqueue((connection.RemoteEndPoint, hello.ServerName));
                return ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificate = TlsTestCertificates.Server });
            },
        };
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("TlsCallback"), new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Tls = tls });
        await server.StartAsync(static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)));

        using TlsTestClient client = await TlsTestClient.ConnectAsync(IPAddress.Loopback, server.LocalEndPoints[0].Port);
        Assert.Equal("called back", await client.EchoAsync("called back"));
        (IPEndPoint remote, string serverName) = Assert.Single(asked);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, client.LocalEndPoint.Port), remote);
        Assert.Equal("localhost", serverName);
    }

    [Fact]
    public async Task Options_that_contradict_each_other_fail_the_start_naming_both()
    {
        var tls = new TlsOptions { Certificate = TlsTestCertificates.Server, CertificatePath = "server.pfx" };
        await using var server = new TcpServerHost("TlsContradiction", new TcpServerOptions { Host = "::1", Tls = tls });
        ArgumentException both = await Assert.ThrowsAsync<ArgumentException>(() => server.StartAsync(static (_, _) => ValueTask.CompletedTask));
        Assert.Contains("Certificate, CertificatePath", both.Message, StringComparison.Ordinal);

        var alpnBesideOptions = new TlsOptions { AuthenticationOptions = new SslServerAuthenticationOptions { ServerCertificate = TlsTestCertificates.Server } };
        alpnBesideOptions.ApplicationProtocols.Add(SslApplicationProtocol.Http11);
        await using var second = new TcpServerHost("TlsContradiction", new TcpServerOptions { Host = "::1", Tls = alpnBesideOptions });
        ArgumentException alpn = await Assert.ThrowsAsync<ArgumentException>(() => second.StartAsync(static (_, _) => ValueTask.CompletedTask));
        Assert.Contains("TlsOptions.ApplicationProtocols is set together with TlsOptions.AuthenticationOptions", alpn.Message, StringComparison.Ordinal);

        await using var none = new TcpServerHost("TlsNoCertificate", new TcpServerOptions { Host = "::1", Tls = new TlsOptions() });
        ArgumentException missing = await Assert.ThrowsAsync<ArgumentException>(() => none.StartAsync(static (_, _) => ValueTask.CompletedTask));
        Assert.Contains("has no certificate", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_users_steps_run_after_the_handshake_and_see_the_session()
    {
        var seenByStep = new ConcurrentQueue<string?>();
        var options = new TcpServerOptions { Host = "::1", Tls = new TlsOptions { Certificate = TlsTestCertificates.Server } };
        options.ConnectionSteps.Add(new SessionRecordingStep(seenByStep));
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("TlsThenSteps"), options);
        await server.StartAsync(static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)));

        using TlsTestClient client = await TlsTestClient.ConnectAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port);
        Assert.Equal("after the step", await client.EchoAsync("after the step"));
        Assert.Equal("localhost", Assert.Single(seenByStep));
    }

    [Fact]
    public async Task A_stop_ends_a_handshake_in_progress_even_with_no_handshake_timeout_and_no_stop_timeout()
    {
        string name = ServerMeasurements.UniqueServerName("TlsStopDuringHandshake");
        using var measurements = new ServerMeasurements(name);
        var tls = new TlsOptions { Certificate = TlsTestCertificates.Server, HandshakeTimeout = Timeout.InfiniteTimeSpan };
        var options = new TcpServerOptions { Host = "127.0.0.1", Tls = tls, StopTimeout = Timeout.InfiniteTimeSpan };
        var accepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new TcpServerRunner(name, options, static (_, _) => throw new InvalidOperationException("the handler must not run"))
        {
            BeforeConnectionRegistered = _ =>
            {
                accepted.TrySetResult();
                return Task.CompletedTask;
            },
        };
        await server.StartAsync();

        using TcpClientConnection silent = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, server.LocalEndPoints[0].Port);
        await accepted.Task.WaitAsync(Loopback.Timeout);

        // Only the stop's token can end this handshake: were it ignored, the stop would wait forever.
        await server.StopAsync().WaitAsync(Loopback.Timeout);
        Assert.True(await silent.ServerClosedAsync());
        Assert.Empty(measurements.Of(ServerMetricNames.ConnectionsAccepted));
    }

    [Fact]
    public async Task A_plain_server_leaves_the_connection_without_TLS()
    {
        var seen = new ConcurrentQueue<bool>();
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("Plain"), new TcpServerOptions { Host = "::1" });
        await server.StartAsync(async (connection, cancellationToken) =>
        {
            seen.Enqueue(connection.Tls is null);
            await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
        });

        using TcpClientConnection client = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port);
        Assert.Equal("plain", await client.EchoAsync("plain"));
        Assert.True(Assert.Single(seen));
    }

    [Fact]
    public async Task An_idle_TLS_echo_connection_holds_no_copy_buffer()
    {
        var pool = new CountingPool();
        var step = TlsConnectionStep.Create(new TlsOptions { Certificate = TlsTestCertificates.Server }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, "TlsIdle");
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("TlsIdle"), new TcpServerOptions { Host = "::1" });
        var copying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await server.StartAsync(async (connection, cancellationToken) =>
        {
            // The runner's connection borrows from the shared pool; this one, over the same accepted socket, from a
            // pool the test can count.
            using var counted = new TcpConnection(connection.Socket, pool);
            Assert.False((await step.ProcessAsync(counted, cancellationToken)).IsRefused);
            copying.TrySetResult();
            await counted.Stream.CopyToAsync(counted.Stream, cancellationToken);
        });

        using TlsTestClient client = await TlsTestClient.ConnectAsync(IPAddress.IPv6Loopback, server.LocalEndPoints[0].Port);
        await copying.Task.WaitAsync(Loopback.Timeout);
        Assert.Equal("one", await client.EchoAsync("one"));
        Assert.Equal("two", await client.EchoAsync("two"));

        // The copy gives its buffer back right after writing the echo, which the client may read first.
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        while (pool.Outstanding != 0 && !timeout.IsCancellationRequested)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, pool.Outstanding);
        Assert.True(pool.Rented >= 2, $"a buffer per burst of data: rented {pool.Rented}");
    }

    // A client validates the server's certificate after its TLS stack finished the handshake (under TLS 1.3 the
    // server's handshake is complete by then), so the server serves the connection, and the client's alert or close
    // is what its handler's first read meets: never a byte of data.
    private static async ValueTask RecordFirstReadAsync(TcpConnection connection, ConcurrentQueue<string> outcomes, CancellationToken cancellationToken)
    {
        try
        {
            int read = await connection.Stream.ReadAsync(new byte[64], cancellationToken);
            outcomes.Enqueue(read == 0 ? "closed" : $"{read} bytes");
        }
        catch (Exception e) when (e is System.IO.IOException or AuthenticationException)
        {
            outcomes.Enqueue("closed");
        }
    }

    private static async Task AssertNoByteReachedTheHandlerAsync(ConcurrentQueue<string> outcomes)
    {
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        while (outcomes.IsEmpty && !timeout.IsCancellationRequested)
        {
            await Task.Delay(10);
        }

        Assert.Equal(["closed"], outcomes);
    }

    private sealed class SessionRecordingStep(ConcurrentQueue<string?> seen) : ITcpConnectionStep
    {
        public ValueTask<StepVerdict> ProcessAsync(TcpConnection connection, CancellationToken cancellationToken)
        {
            seen.Enqueue(connection.Tls?.HostName);
            return ValueTask.FromResult(StepVerdict.Continue);
        }
    }

    private sealed class CountingPool : ArrayPool<byte>
    {
        private int _rented;
        private int _outstanding;

        public int Rented => Volatile.Read(ref _rented);

        public int Outstanding => Volatile.Read(ref _outstanding);

        public override byte[] Rent(int minimumLength)
        {
            Interlocked.Increment(ref _rented);
            Interlocked.Increment(ref _outstanding);
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false) => Interlocked.Decrement(ref _outstanding);
    }
}
