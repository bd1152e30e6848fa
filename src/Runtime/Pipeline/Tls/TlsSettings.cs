using System;
using System.Net.Security;

namespace DualStackGen;

/// <summary>
/// The <c>Tls:</c> configuration keys of <see cref="TcpServerOptions"/>, relative to the server's section:
/// <c>Tls:Certificate:Path</c>, <c>Tls:Certificate:KeyPath</c>, <c>Tls:Certificate:Password</c>,
/// <c>Tls:HandshakeTimeout</c>, <c>Tls:ApplicationProtocols</c> (comma-separated, or an array:
/// <c>Tls:ApplicationProtocols:0</c>, ...) and <c>Tls:ClientCertificateMode</c>. Any of them turns TLS on.
/// </summary>
internal static class TlsSettings
{
    private const string Prefix = "Tls:";
    private const string CertificatePath = "Tls:Certificate:Path";
    private const string CertificateKeyPath = "Tls:Certificate:KeyPath";
    private const string CertificatePassword = "Tls:Certificate:Password";
    private const string HandshakeTimeout = "Tls:HandshakeTimeout";
    private const string ApplicationProtocols = "Tls:ApplicationProtocols";
    private const string ClientCertificateMode = "Tls:ClientCertificateMode";

    public static readonly string[] Names = [CertificatePath, CertificateKeyPath, CertificatePassword, HandshakeTimeout, ApplicationProtocols, ClientCertificateMode];

    public static bool IsTlsKey(string key) => key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <returns><see langword="false"/> for a <c>Tls:</c> key that is not one of these settings (it is reported as unknown).</returns>
    public static bool TryApply(TcpServerOptions options, string key, string value, string fullKey)
    {
        if (Is(key, CertificatePath))
        {
            Tls(options).SetCertificatePathFromSettings(NotEmpty(fullKey, value, "the path of a PFX or PEM certificate file."), fullKey);
        }
        else if (Is(key, CertificateKeyPath))
        {
            Tls(options).SetCertificateKeyPathFromSettings(NotEmpty(fullKey, value, "the path of the certificate's PEM key file."), fullKey);
        }
        else if (Is(key, CertificatePassword))
        {
            Tls(options).CertificatePassword = value;
        }
        else if (Is(key, HandshakeTimeout))
        {
            Tls(options).HandshakeTimeout = ServerOptions.ParseTimeout(fullKey, value, allowZero: false);
        }
        else if (Is(key, ApplicationProtocols))
        {
            TlsOptions tls = Tls(options);
            tls.ApplicationProtocols.Clear();
            foreach (string protocol in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                tls.ApplicationProtocols.Add(Protocol(fullKey, value, protocol));
            }
        }
        else if (IsArrayElement(key, ApplicationProtocols))
        {
            // The elements of a JSON array arrive in order (":0", ":1", ...); the array replaces what was there, as a list does.
            TlsOptions tls = Tls(options);
            if (key.EndsWith(":0", StringComparison.Ordinal))
            {
                tls.ApplicationProtocols.Clear();
            }

            tls.ApplicationProtocols.Add(Protocol(fullKey, value, value.Trim()));
        }
        else if (Is(key, ClientCertificateMode))
        {
            Tls(options).ClientCertificateMode = ParseClientCertificateMode(fullKey, value);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static TlsOptions Tls(TcpServerOptions options) => options.Tls ??= new TlsOptions();

    private static bool Is(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);

    private static bool IsArrayElement(string key, string name)
        => key.Length > name.Length + 1
            && key.StartsWith(name, StringComparison.OrdinalIgnoreCase)
            && key[name.Length] == ':'
            && int.TryParse(key.AsSpan(name.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string NotEmpty(string fullKey, string value, string accepted)
        => value.Trim() is { Length: > 0 } trimmed ? trimmed : throw ServerOptions.InvalidSetting(fullKey, value, "it is empty; " + accepted);

    private static SslApplicationProtocol Protocol(string fullKey, string value, string protocol)
    {
        // ALPN protocol ids are 1 to 255 bytes (RFC 7301); an empty one would end the handshake with an exception per connection.
        if (protocol.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(protocol) > 255)
        {
            throw ServerOptions.InvalidSetting(fullKey, value, "an ALPN protocol id (such as h2 or http/1.1) is 1 to 255 bytes.");
        }

        return new SslApplicationProtocol(protocol);
    }

    private static TlsClientCertificateMode ParseClientCertificateMode(string fullKey, string value)
    {
        string name = value.Trim();
        foreach (TlsClientCertificateMode mode in Enum.GetValues<TlsClientCertificateMode>())
        {
            if (string.Equals(name, mode.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw ServerOptions.InvalidSetting(fullKey, value, "the mode is one of " + string.Join(", ", Enum.GetNames<TlsClientCertificateMode>()) + " (case-insensitive).");
    }
}
