using System;
using System.Collections.Generic;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace DualStackGen;

/// <summary>
/// TLS on a TCP server (<see cref="TcpServerOptions.Tls"/>): the certificate, and how the handshake is made. The
/// handshake runs after the PROXY protocol header and the address allow/deny lists and before the steps of
/// <see cref="TcpServerOptions.ConnectionSteps"/>; the handler's <see cref="TcpConnection.Stream"/> and
/// <see cref="TcpConnection.Transport"/> then carry plaintext, and <see cref="TcpConnection.Tls"/> says what was
/// negotiated. Read once, when the runner starts; the certificate files are loaded then.
/// </summary>
/// <remarks>
/// <para>
/// The server's certificate comes from exactly one of: <see cref="Certificate"/>; <see cref="CertificatePath"/> (a
/// PFX/PKCS#12 file, or a PEM certificate with its key in <see cref="CertificateKeyPath"/> or in the same file);
/// <see cref="AuthenticationOptions"/> (which can choose a certificate per host name through its
/// <see cref="SslServerAuthenticationOptions.ServerCertificateSelectionCallback"/>); or
/// <see cref="AuthenticationOptionsCallback"/>, asked for each connection. With the last two, ALPN, client certificates
/// and protocol versions are set on the <see cref="SslServerAuthenticationOptions"/> itself, and setting
/// <see cref="ApplicationProtocols"/>, <see cref="ClientCertificateMode"/>, <see cref="ClientCertificateValidation"/> or
/// <see cref="EnabledProtocols"/> as well fails the start.
/// </para>
/// <para>
/// A handshake that fails (a client that speaks plaintext, refuses the certificate, offers nothing in common) or does
/// not finish within <see cref="HandshakeTimeout"/> closes the connection without the handler; it is logged at Debug
/// and counted in <c>dualstackgen.connections.rejected</c> with <c>error.type</c> <c>tls_handshake_failed</c> or
/// <c>tls_handshake_timeout</c>.
/// </para>
/// </remarks>
public sealed class TlsOptions
{
    /// <summary>The <c>error.type</c> of a connection whose TLS handshake failed.</summary>
    public const string HandshakeFailedReason = "tls_handshake_failed";

    /// <summary>The <c>error.type</c> of a connection whose TLS handshake did not finish within <see cref="HandshakeTimeout"/>.</summary>
    public const string HandshakeTimeoutReason = "tls_handshake_timeout";

    /// <summary>The default <see cref="HandshakeTimeout"/>, 10 seconds, as Kestrel's.</summary>
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    private string? _certificatePath;
    private string? _certificateKeyPath;

    /// <summary>Gets or sets the server's certificate, with its private key.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Gets or sets the path of the server's certificate: a PFX/PKCS#12 file (<c>.pfx</c>, <c>.p12</c>), or a PEM
    /// file whose key is in <see cref="CertificateKeyPath"/> or, without it, in the same file. Configuration key
    /// <c>Tls:Certificate:Path</c>.
    /// </summary>
    public string? CertificatePath
    {
        get => _certificatePath;
        set
        {
            _certificatePath = value;
            CertificatePathKey = null;
        }
    }

    /// <summary>Gets or sets the path of the PEM private key of <see cref="CertificatePath"/>. Configuration key <c>Tls:Certificate:KeyPath</c>.</summary>
    public string? CertificateKeyPath
    {
        get => _certificateKeyPath;
        set
        {
            _certificateKeyPath = value;
            CertificateKeyPathKey = null;
        }
    }

    /// <summary>
    /// Gets or sets the password of the PFX file, or of the encrypted PEM key; <see langword="null"/> for none.
    /// Configuration key <c>Tls:Certificate:Password</c> (keep it in a secret store or an environment variable).
    /// </summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Gets or sets the whole handshake configuration, shared by every connection: for a certificate per host name
    /// (SNI, <see cref="SslServerAuthenticationOptions.ServerCertificateSelectionCallback"/>), client certificates
    /// with a validation of your own, cipher suite policies. Not copied: do not change it while the server runs.
    /// </summary>
    public SslServerAuthenticationOptions? AuthenticationOptions { get; set; }

    /// <summary>
    /// Gets or sets a callback that returns the handshake configuration of each connection, from the connection (its
    /// normalized or proxied addresses) and the client's hello (the host name it asked for); as Kestrel's
    /// <c>TlsHandshakeCallbackOptions.OnConnection</c>. It runs within <see cref="HandshakeTimeout"/>.
    /// </summary>
    public Func<TcpConnection, SslClientHelloInfo, CancellationToken, ValueTask<SslServerAuthenticationOptions>>? AuthenticationOptionsCallback { get; set; }

    /// <summary>
    /// Gets or sets how long a client has to complete the handshake, from the moment TLS starts on its connection;
    /// <see cref="DefaultHandshakeTimeout"/> by default, <see cref="Timeout.InfiniteTimeSpan"/> for no limit.
    /// Configuration key <c>Tls:HandshakeTimeout</c> (as <c>00:00:10</c>).
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = DefaultHandshakeTimeout;

    /// <summary>
    /// Gets the application protocols offered through ALPN, most preferred first; empty (the default) for no ALPN.
    /// Configuration key <c>Tls:ApplicationProtocols</c>, a comma-separated list or an array.
    /// </summary>
    public IList<SslApplicationProtocol> ApplicationProtocols { get; } = new List<SslApplicationProtocol>();

    /// <summary>
    /// Gets or sets whether clients are asked for a certificate; <see cref="TlsClientCertificateMode.NoCertificate"/>
    /// by default. Configuration key <c>Tls:ClientCertificateMode</c>.
    /// </summary>
    public TlsClientCertificateMode ClientCertificateMode { get; set; }

    /// <summary>
    /// Gets or sets how a client certificate is judged: given the certificate, the chain built for it and what the
    /// platform's validation found, return whether to accept it. <see langword="null"/> (the default) accepts only a
    /// certificate the platform validates (<see cref="SslPolicyErrors.None"/>), against the system's trusted roots.
    /// </summary>
    public Func<X509Certificate2, X509Chain?, SslPolicyErrors, bool>? ClientCertificateValidation { get; set; }

    /// <summary>
    /// Gets or sets the TLS versions allowed; <see cref="SslProtocols.None"/> (the default) lets the operating system
    /// choose, which is what Microsoft recommends.
    /// </summary>
    public SslProtocols EnabledProtocols { get; set; }

    /// <summary>The configuration key <see cref="CertificatePath"/> came from, while it still holds that value.</summary>
    internal string? CertificatePathKey { get; private set; }

    /// <summary>The configuration key <see cref="CertificateKeyPath"/> came from, while it still holds that value.</summary>
    internal string? CertificateKeyPathKey { get; private set; }

    internal void SetCertificatePathFromSettings(string path, string fullKey)
    {
        CertificatePath = path;
        CertificatePathKey = fullKey;
    }

    internal void SetCertificateKeyPathFromSettings(string path, string fullKey)
    {
        CertificateKeyPath = path;
        CertificateKeyPathKey = fullKey;
    }
}
