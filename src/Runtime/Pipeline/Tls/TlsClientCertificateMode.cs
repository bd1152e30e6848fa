namespace DualStackGen;

/// <summary>Whether a TLS server asks its clients for a certificate, and whether a client without one is served.</summary>
public enum TlsClientCertificateMode
{
    /// <summary>The server does not ask for a client certificate (the default).</summary>
    NoCertificate,

    /// <summary>
    /// The server asks for one; a client that sends none is served, one that sends a certificate that fails validation
    /// is refused.
    /// </summary>
    AllowCertificate,

    /// <summary>The server asks for one and refuses a client that sends none, or one that fails validation.</summary>
    RequireCertificate,
}
