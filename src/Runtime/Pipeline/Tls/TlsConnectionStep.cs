using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// The built-in TLS step: authenticates as the server over the connection's stream, then hands the handler the
/// plaintext <see cref="SslStream"/> and what was negotiated (<see cref="TcpConnection.Tls"/>). Built once per start
/// from <see cref="TlsOptions"/>, which is where the certificate files are loaded.
/// </summary>
internal sealed class TlsConnectionStep : ITcpConnectionStep
{
    private readonly string _serverName;
    private readonly ILogger _logger;
    private readonly TimeSpan _handshakeTimeout;
    private readonly SslServerAuthenticationOptions? _authenticationOptions;
    private readonly Func<TcpConnection, SslClientHelloInfo, CancellationToken, ValueTask<SslServerAuthenticationOptions>>? _authenticationOptionsCallback;

    private TlsConnectionStep(
        string serverName,
        ILogger logger,
        TimeSpan handshakeTimeout,
        SslServerAuthenticationOptions? authenticationOptions,
        Func<TcpConnection, SslClientHelloInfo, CancellationToken, ValueTask<SslServerAuthenticationOptions>>? authenticationOptionsCallback)
    {
        _serverName = serverName;
        _logger = logger;
        _handshakeTimeout = handshakeTimeout;
        _authenticationOptions = authenticationOptions;
        _authenticationOptionsCallback = authenticationOptionsCallback;
    }

    /// <summary>Checks the options and loads the certificate.</summary>
    /// <exception cref="ArgumentException">The options contradict each other, or name no certificate.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TlsOptions.HandshakeTimeout"/> is out of range.</exception>
    /// <exception cref="System.IO.FileNotFoundException">A certificate or key file does not exist.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A certificate or key file could not be loaded.</exception>
    public static TlsConnectionStep Create(TlsOptions tls, ILogger logger, string serverName)
    {
        if (tls.HandshakeTimeout != Timeout.InfiniteTimeSpan && (tls.HandshakeTimeout <= TimeSpan.Zero || tls.HandshakeTimeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(TlsOptions.HandshakeTimeout), tls.HandshakeTimeout, "TlsOptions.HandshakeTimeout must be positive, and at most 24.20:31:23.647, or Timeout.InfiniteTimeSpan.");
        }

        var sources = new List<string>(1);
        if (tls.Certificate is not null)
        {
            sources.Add(nameof(TlsOptions.Certificate));
        }

        if (tls.CertificatePath is not null)
        {
            sources.Add(tls.CertificatePathKey ?? nameof(TlsOptions.CertificatePath));
        }

        if (tls.AuthenticationOptions is not null)
        {
            sources.Add(nameof(TlsOptions.AuthenticationOptions));
        }

        if (tls.AuthenticationOptionsCallback is not null)
        {
            sources.Add(nameof(TlsOptions.AuthenticationOptionsCallback));
        }

        if (sources.Count != 1)
        {
            throw new ArgumentException(sources.Count == 0
                ? $"{serverName}: TLS is on but has no certificate: set TlsOptions.Certificate, CertificatePath (configuration key Tls:Certificate:Path), AuthenticationOptions or AuthenticationOptionsCallback."
                : $"{serverName}: TLS has more than one source of certificate ({string.Join(", ", sources)}); set exactly one.");
        }

        if (tls.CertificateKeyPath is not null && tls.CertificatePath is null)
        {
            throw new ArgumentException($"{serverName}: TLS has a key file ({tls.CertificateKeyPathKey ?? nameof(TlsOptions.CertificateKeyPath)} = \"{tls.CertificateKeyPath}\") but no certificate file ({nameof(TlsOptions.CertificatePath)}, configuration key Tls:Certificate:Path).");
        }

        if (tls.AuthenticationOptions is not null || tls.AuthenticationOptionsCallback is not null)
        {
            ThrowIfSimpleOptionsSet(tls, serverName, sources[0]);
            LogEnabled(logger, serverName, sources[0]);
            return new TlsConnectionStep(serverName, logger, tls.HandshakeTimeout, tls.AuthenticationOptions, tls.AuthenticationOptionsCallback);
        }

        X509Certificate2 certificate = tls.Certificate ?? TlsCertificateLoader.Load(tls);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"{serverName}: the TLS certificate {certificate.Subject} (TlsOptions.Certificate) has no private key.");
        }

        LogCertificate(logger, serverName, certificate, tls.CertificatePath is null ? "TlsOptions.Certificate" : $"\"{tls.CertificatePath}\"");
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null),
            EnabledSslProtocols = tls.EnabledProtocols,
            ClientCertificateRequired = tls.ClientCertificateMode != TlsClientCertificateMode.NoCertificate,
        };
        if (tls.ApplicationProtocols.Count != 0)
        {
            options.ApplicationProtocols = [.. tls.ApplicationProtocols];
        }

        if (tls.ClientCertificateMode != TlsClientCertificateMode.NoCertificate)
        {
            options.RemoteCertificateValidationCallback = ClientCertificateValidation(tls.ClientCertificateMode, tls.ClientCertificateValidation);
        }

        return new TlsConnectionStep(serverName, logger, tls.HandshakeTimeout, options, authenticationOptionsCallback: null);
    }

    public async ValueTask<StepVerdict> ProcessAsync(TcpConnection connection, CancellationToken cancellationToken)
    {
        var tls = new TlsStream(connection.Stream, connection.CopyBufferPool);
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_handshakeTimeout != Timeout.InfiniteTimeSpan)
        {
            handshake.CancelAfter(_handshakeTimeout);
        }

        try
        {
            if (_authenticationOptionsCallback is null)
            {
                await tls.AuthenticateAsServerAsync(_authenticationOptions!, handshake.Token).ConfigureAwait(false);
            }
            else
            {
                await tls.AuthenticateAsServerAsync(SelectOptionsAsync, (this, connection), handshake.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            if (handshake.IsCancellationRequested)
            {
                TlsLog.HandshakeTimedOut(_logger, _serverName, connection.Id, connection.RemoteEndPoint, _handshakeTimeout);
                return StepVerdict.Refuse(TlsOptions.HandshakeTimeoutReason);
            }

            TlsLog.HandshakeFailed(_logger, _serverName, connection.Id, connection.RemoteEndPoint, Describe(e), e);
            return StepVerdict.Refuse(TlsOptions.HandshakeFailedReason);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var session = new TlsConnectionInfo(
            tls.NegotiatedApplicationProtocol,
            tls.SslProtocol,
            tls.NegotiatedCipherSuite,
            string.IsNullOrEmpty(tls.TargetHostName) ? null : tls.TargetHostName,
            tls.RemoteCertificate as X509Certificate2);
        connection.UseStream(tls, session);
        TlsLog.HandshakeCompleted(_logger, _serverName, connection.Id, connection.RemoteEndPoint, session);
        return StepVerdict.Continue;
    }

    private static ValueTask<SslServerAuthenticationOptions> SelectOptionsAsync(SslStream stream, SslClientHelloInfo clientHello, object? state, CancellationToken cancellationToken)
    {
        var (step, connection) = ((TlsConnectionStep, TcpConnection))state!;
        return step._authenticationOptionsCallback!(connection, clientHello, cancellationToken);
    }

    private static RemoteCertificateValidationCallback ClientCertificateValidation(TlsClientCertificateMode mode, Func<X509Certificate2, X509Chain?, SslPolicyErrors, bool>? validation)
        => (_, certificate, chain, errors) =>
        {
            if (certificate is null)
            {
                return mode == TlsClientCertificateMode.AllowCertificate;
            }

            if (validation is null)
            {
                return errors == SslPolicyErrors.None;
            }

            return validation(certificate as X509Certificate2 ?? throw new InvalidOperationException("The client certificate is not an X509Certificate2."), chain, errors);
        };

    // The exception's own message for the log line; AuthenticationException's inner exception says why (the alert, the
    // OpenSSL error), which the outer "Authentication failed, see inner exception" does not.
    private static string Describe(Exception exception)
        => exception.InnerException is { } inner && exception is System.Security.Authentication.AuthenticationException
            ? exception.Message + " " + inner.Message
            : exception.Message;

    private static void ThrowIfSimpleOptionsSet(TlsOptions tls, string serverName, string source)
    {
        string? conflicting = tls.ApplicationProtocols.Count != 0 ? nameof(TlsOptions.ApplicationProtocols)
            : tls.ClientCertificateMode != TlsClientCertificateMode.NoCertificate ? nameof(TlsOptions.ClientCertificateMode)
            : tls.ClientCertificateValidation is not null ? nameof(TlsOptions.ClientCertificateValidation)
            : tls.EnabledProtocols != System.Security.Authentication.SslProtocols.None ? nameof(TlsOptions.EnabledProtocols)
            : null;
        if (conflicting is not null)
        {
            throw new ArgumentException($"{serverName}: TlsOptions.{conflicting} is set together with TlsOptions.{source}; set it on the SslServerAuthenticationOptions instead, which is used as given.");
        }
    }

    private static void LogEnabled(ILogger logger, string serverName, string source) => TlsLog.EnabledWithOptions(logger, serverName, source);

    private static void LogCertificate(ILogger logger, string serverName, X509Certificate2 certificate, string source)
    {
        TlsLog.Enabled(logger, serverName, certificate.Subject, certificate.Thumbprint, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), source);
        DateTime now = DateTime.Now;
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            TlsLog.CertificateNotCurrentlyValid(logger, serverName, certificate.Subject, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        }
    }
}
