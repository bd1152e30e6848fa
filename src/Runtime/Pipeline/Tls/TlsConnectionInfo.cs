using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace DualStackGen;

/// <summary>
/// What the TLS handshake of one connection negotiated, as <see cref="TcpConnection.Tls"/> gives it to the handler
/// and to the connection steps that run after TLS.
/// </summary>
public sealed class TlsConnectionInfo
{
    internal TlsConnectionInfo(
        SslApplicationProtocol applicationProtocol,
        SslProtocols protocol,
        TlsCipherSuite cipherSuite,
        string? hostName,
        X509Certificate2? clientCertificate)
    {
        ApplicationProtocol = applicationProtocol;
        Protocol = protocol;
        CipherSuite = cipherSuite;
        HostName = hostName;
        ClientCertificate = clientCertificate;
    }

    /// <summary>
    /// Gets the application protocol agreed through ALPN; <see langword="default"/> (empty) when the client offered
    /// none, or none of <see cref="TlsOptions.ApplicationProtocols"/>.
    /// </summary>
    public SslApplicationProtocol ApplicationProtocol { get; }

    /// <summary>Gets the TLS version, such as <see cref="SslProtocols.Tls13"/>.</summary>
    public SslProtocols Protocol { get; }

    /// <summary>Gets the cipher suite, such as <see cref="TlsCipherSuite.TLS_AES_256_GCM_SHA384"/>.</summary>
    public TlsCipherSuite CipherSuite { get; }

    /// <summary>Gets the host name the client asked for (SNI); <see langword="null"/> when it sent none, as a client connecting to an IP address does.</summary>
    public string? HostName { get; }

    /// <summary>
    /// Gets the certificate the client authenticated with; <see langword="null"/> when it sent none (or was not asked,
    /// see <see cref="TlsOptions.ClientCertificateMode"/>). It belongs to the connection: do not dispose it.
    /// </summary>
    public X509Certificate2? ClientCertificate { get; }

    /// <summary>Describes the session for logs.</summary>
    /// <returns>For example <c>Tls13 TLS_AES_256_GCM_SHA384 alpn=echo sni=localhost</c>.</returns>
    public override string ToString()
        => $"{Protocol} {CipherSuite} alpn={(ApplicationProtocol.Protocol.IsEmpty ? "-" : ApplicationProtocol.ToString())} sni={HostName ?? "-"}"
            + (ClientCertificate is null ? string.Empty : " client=" + ClientCertificate.Subject);
}
