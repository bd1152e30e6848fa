using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DualStackGen;

/// <summary>
/// Loads the server certificate of <see cref="TlsOptions.CertificatePath"/> at start, failing with a message that
/// names the file and where its path came from (the configuration key, or code).
/// </summary>
internal static class TlsCertificateLoader
{
    public static X509Certificate2 Load(TlsOptions options)
    {
        string path = options.CertificatePath!;
        string pathSource = Describe(options.CertificatePathKey, nameof(TlsOptions.CertificatePath));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The TLS certificate file \"{Path.GetFullPath(path)}\" ({pathSource}) does not exist.", path);
        }

        string? keyPath = options.CertificateKeyPath;
        if (keyPath is not null && !File.Exists(keyPath))
        {
            throw new FileNotFoundException(
                $"The TLS private key file \"{Path.GetFullPath(keyPath)}\" ({Describe(options.CertificateKeyPathKey, nameof(TlsOptions.CertificateKeyPath))}) does not exist.",
                keyPath);
        }

        try
        {
            X509Certificate2 certificate = keyPath is null && IsPkcs12(path)
                ? LoadPkcs12(path, options.CertificatePassword)
                : LoadPem(path, keyPath, options.CertificatePassword);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new CryptographicException("it has no private key.");
            }

            return certificate;
        }
        catch (CryptographicException e)
        {
            string files = keyPath is null
                ? $"\"{Path.GetFullPath(path)}\" ({pathSource})"
                : $"\"{Path.GetFullPath(path)}\" ({pathSource}) with the key \"{Path.GetFullPath(keyPath)}\" ({Describe(options.CertificateKeyPathKey, nameof(TlsOptions.CertificateKeyPath))})";
            string hint = keyPath is null && !IsPkcs12(path) ? $" A PEM certificate whose key is in a file of its own needs that file as {KeyPathSetting(options)}." : string.Empty;
            throw new CryptographicException($"The TLS certificate {files} could not be loaded: {e.Message}{hint}", e);
        }
    }

    private static string Describe(string? settingKey, string propertyName)
        => settingKey is null ? $"TlsOptions.{propertyName}, set in code" : $"configuration key {settingKey}";

    private static string KeyPathSetting(TlsOptions options)
        => options.CertificatePathKey is { } key && key.EndsWith(":Path", StringComparison.OrdinalIgnoreCase)
            ? key[..^":Path".Length] + ":KeyPath"
            : "TlsOptions.CertificateKeyPath";

    // By content, not extension: a PFX is a DER SEQUENCE (0x30), a PEM file is text.
    private static bool IsPkcs12(string path)
    {
        using FileStream file = File.OpenRead(path);
        return file.ReadByte() == 0x30;
    }

    private static X509Certificate2 LoadPkcs12(string path, string? password)
    {
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
#else
        return new X509Certificate2(path, password);
#endif
    }

    private static X509Certificate2 LoadPem(string path, string? keyPath, string? password)
    {
        X509Certificate2 pem = password is null
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        if (!OperatingSystem.IsWindows())
        {
            return pem;
        }

        // SChannel cannot use the ephemeral key a PEM file loads into; a round trip through PKCS#12 persists it.
        using (pem)
        {
#if NET9_0_OR_GREATER
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
#else
            return new X509Certificate2(pem.Export(X509ContentType.Pkcs12));
#endif
        }
    }
}
