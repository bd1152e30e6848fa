using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DualStackGen.Runtime.Tests.Pipeline;

/// <summary>
/// Certificates made for the TLS tests, once per run: a self-signed CA, and leaves it signed for localhost,
/// 127.0.0.1 and ::1 (one current, one expired), for another host name, and for a client.
/// </summary>
internal static class TlsTestCertificates
{
    private static readonly Lazy<X509Certificate2> s_authority = new(CreateAuthority);
    private static readonly Lazy<X509Certificate2> s_server = new(() => CreateLeaf("CN=localhost", ["localhost"], serverAuth: true, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
    private static readonly Lazy<X509Certificate2> s_expiredServer = new(() => CreateLeaf("CN=localhost (expired)", ["localhost"], serverAuth: true, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1)));
    private static readonly Lazy<X509Certificate2> s_otherServer = new(() => CreateLeaf("CN=other.test", ["other.test"], serverAuth: true, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
    private static readonly Lazy<X509Certificate2> s_client = new(() => CreateLeaf("CN=test client", [], serverAuth: false, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));

    public static X509Certificate2 Authority => s_authority.Value;

    /// <summary>For localhost, 127.0.0.1 and ::1, valid now.</summary>
    public static X509Certificate2 Server => s_server.Value;

    /// <summary>For localhost, 127.0.0.1 and ::1, expired yesterday.</summary>
    public static X509Certificate2 ExpiredServer => s_expiredServer.Value;

    /// <summary>For other.test only.</summary>
    public static X509Certificate2 OtherServer => s_otherServer.Value;

    /// <summary>A client-authentication certificate signed by <see cref="Authority"/>.</summary>
    public static X509Certificate2 Client => s_client.Value;

    /// <summary>The chain policy of a client (or server) that trusts <see cref="Authority"/> alone.</summary>
    public static X509ChainPolicy TrustingAuthority()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(Authority);
        return policy;
    }

    private static X509Certificate2 CreateAuthority()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=DualStackGen test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using X509Certificate2 authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(60));
        return Persisted(authority);
    }

    private static X509Certificate2 CreateLeaf(string subject, string[] hostNames, bool serverAuth, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (string hostName in hostNames)
            {
                names.AddDnsName(hostName);
            }

            if (Array.IndexOf(hostNames, "localhost") >= 0)
            {
                names.AddIpAddress(IPAddress.Loopback);
                names.AddIpAddress(IPAddress.IPv6Loopback);
            }

            request.CertificateExtensions.Add(names.Build());
        }

        byte[] serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        X509Certificate2 authority = Authority;
        using ECDsa authorityKey = authority.GetECDsaPrivateKey()!;
        var generator = X509SignatureGenerator.CreateForECDsa(authorityKey);
        using X509Certificate2 signed = request.Create(authority.SubjectName, generator, notBefore, notAfter, serial);
        using X509Certificate2 withKey = signed.CopyWithPrivateKey(key);
        return Persisted(withKey);
    }

    // A certificate whose key was made in memory goes through PKCS#12 once, as a loaded file's would, so that every
    // platform's TLS stack can use the key.
    private static X509Certificate2 Persisted(X509Certificate2 certificate)
        => X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}
