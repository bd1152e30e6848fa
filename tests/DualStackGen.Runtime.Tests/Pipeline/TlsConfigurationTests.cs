using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Metrics;

namespace DualStackGen.Runtime.Tests.Pipeline;

/// <summary>
/// TLS from configuration (<see cref="ServerOptions.ApplySettings"/>): PEM and PFX files written by the test, served
/// to a real client; and every mistake reported with the full key and the file.
/// </summary>
public sealed class TlsConfigurationTests : IDisposable
{
    private const string Section = "Servers:Secure";

    private readonly string _directory = Directory.CreateTempSubdirectory("dualstackgen-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_PEM_certificate_and_key_from_configuration_serve_TLS_on_both_loopbacks()
    {
        string certificatePath = Write("server.crt", TlsTestCertificates.Server.ExportCertificatePem());
        string keyPath = Write("server.key", KeyPem(TlsTestCertificates.Server));
        var options = new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack };
        IReadOnlyList<string> unknown = options.ApplySettings(Section, Settings(
            ("Tls:Certificate:Path", certificatePath),
            ("Tls:Certificate:KeyPath", keyPath),
            ("Tls:HandshakeTimeout", "00:00:05"),
            ("Tls:ApplicationProtocols", "echo/1, h2")));
        Assert.Empty(unknown);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Tls!.HandshakeTimeout);

        await AssertServesAsync(options, ["h2"], SslApplicationProtocol.Http2);
    }

    [Fact]
    public async Task A_PEM_file_holding_the_certificate_and_its_key_needs_no_key_path()
    {
        string path = Write("combined.pem", TlsTestCertificates.Server.ExportCertificatePem() + "\n" + KeyPem(TlsTestCertificates.Server));
        var options = new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack };
        options.ApplySettings(Section, Settings(("Tls:Certificate:Path", path)));

        await AssertServesAsync(options, null, default);
    }

    [Fact]
    public async Task A_PFX_with_its_password_from_configuration_serves_TLS_and_ALPN_comes_from_an_array()
    {
        string path = WriteBytes("server.pfx", TlsTestCertificates.Server.Export(X509ContentType.Pkcs12, "s3cret"));
        var options = new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack };
        options.ApplySettings(Section, Settings(
            ("Tls:Certificate:Path", path),
            ("Tls:Certificate:Password", "s3cret"),
            ("Tls:ApplicationProtocols:0", "echo/1"),
            ("Tls:ApplicationProtocols:1", "h2"),
            ("Tls:ClientCertificateMode", "allowcertificate")));
        Assert.Equal(TlsClientCertificateMode.AllowCertificate, options.Tls!.ClientCertificateMode);
        Assert.Equal([new SslApplicationProtocol("echo/1"), SslApplicationProtocol.Http2], options.Tls.ApplicationProtocols);

        await AssertServesAsync(options, ["echo/1"], new SslApplicationProtocol("echo/1"));
    }

    [Fact]
    public async Task A_missing_certificate_file_fails_the_start_naming_the_path_and_the_key()
    {
        string path = Path.Combine(_directory, "absent.pem");
        var options = new TcpServerOptions { Host = "::1" };
        options.ApplySettings(Section, Settings(("Tls:Certificate:Path", path)));
        await using var server = new TcpServerHost("TlsMissingFile", options);

        FileNotFoundException missing = await Assert.ThrowsAsync<FileNotFoundException>(() => server.StartAsync(static (_, _) => ValueTask.CompletedTask));
        Assert.Contains($"\"{path}\" (configuration key {Section}:Tls:Certificate:Path) does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Empty(server.LocalEndPoints);
    }

    [Fact]
    public async Task A_wrong_PFX_password_fails_the_start_naming_the_file_and_the_key()
    {
        string path = WriteBytes("server.pfx", TlsTestCertificates.Server.Export(X509ContentType.Pkcs12, "right"));
        var options = new TcpServerOptions { Host = "::1" };
        options.ApplySettings(Section, Settings(("Tls:Certificate:Path", path), ("Tls:Certificate:Password", "wrong")));
        await using var server = new TcpServerHost("TlsWrongPassword", options);

        CryptographicException wrong = await Assert.ThrowsAsync<CryptographicException>(() => server.StartAsync(static (_, _) => ValueTask.CompletedTask));
        Assert.StartsWith($"The TLS certificate \"{path}\" (configuration key {Section}:Tls:Certificate:Path) could not be loaded: ", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PEM_certificate_without_its_key_fails_the_start_saying_which_key_to_set()
    {
        string path = Write("server.crt", TlsTestCertificates.Server.ExportCertificatePem());
        var options = new TcpServerOptions { Host = "::1" };
        options.ApplySettings(Section, Settings(("Tls:Certificate:Path", path)));
        await using var server = new TcpServerHost("TlsNoKey", options);

        CryptographicException noKey = await Assert.ThrowsAsync<CryptographicException>(() => server.StartAsync(static (_, _) => ValueTask.CompletedTask));
        Assert.Contains($"(configuration key {Section}:Tls:Certificate:Path) could not be loaded", noKey.Message, StringComparison.Ordinal);
        Assert.Contains($"{Section}:Tls:Certificate:KeyPath", noKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_set_in_code_after_configuration_is_named_as_set_in_code()
    {
        var options = new TcpServerOptions();
        options.ApplySettings(Section, Settings(("Tls:Certificate:Path", "from-configuration.pem")));
        options.Tls!.CertificatePath = Path.Combine(_directory, "from-code.pem");

        FileNotFoundException missing = Assert.Throws<FileNotFoundException>(() => TlsCertificateLoader.Load(options.Tls));
        Assert.Contains("(TlsOptions.CertificatePath, set in code)", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tls:HandshakeTimeout", "10", "a time span needs hours, minutes and seconds")]
    [InlineData("Tls:HandshakeTimeout", "00:00:00", "a positive time span")]
    [InlineData("Tls:ClientCertificateMode", "Required", "the mode is one of NoCertificate, AllowCertificate, RequireCertificate")]
    [InlineData("Tls:Certificate:Path", " ", "it is empty")]
    [InlineData("Tls:ApplicationProtocols", "h2,,", "")]
    public void Invalid_TLS_settings_are_refused_naming_the_full_key(string key, string value, string accepted)
    {
        var options = new TcpServerOptions();
        if (accepted.Length == 0)
        {
            // Empty entries of a comma-separated list are skipped, as a trailing comma in a list is.
            options.ApplySettings(Section, Settings((key, value)));
            Assert.Equal([SslApplicationProtocol.Http2], options.Tls!.ApplicationProtocols);
            return;
        }

        FormatException invalid = Assert.Throws<FormatException>(() => options.ApplySettings(Section, Settings((key, value))));
        Assert.StartsWith($"Configuration value {Section}:{key} = \"{value}\" is not valid: ", invalid.Message, StringComparison.Ordinal);
        Assert.Contains(accepted, invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_TLS_key_is_reported_and_the_known_ones_are_listed()
    {
        var options = new TcpServerOptions();
        IReadOnlyList<string> unknown = options.ApplySettings(Section, Settings(("Tls:Certificat:Path", "x.pem")));
        Assert.Equal([Section + ":Tls:Certificat:Path"], unknown);
        Assert.Null(options.Tls);
    }

    private static async Task AssertServesAsync(TcpServerOptions options, string[]? applicationProtocols, SslApplicationProtocol expected)
    {
        await using var server = new TcpServerHost(ServerMeasurements.UniqueServerName("TlsConfigured"), options);
        await server.StartAsync(static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)));
        foreach (IPAddress address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using TlsTestClient client = await TlsTestClient.ConnectAsync(address, server.LocalEndPoints[0].Port, applicationProtocols: applicationProtocols);
            Assert.Equal("configured " + address, await client.EchoAsync("configured " + address));
            Assert.Equal(TlsTestCertificates.Server.Thumbprint, ((X509Certificate2)client.Stream.RemoteCertificate!).Thumbprint);
            Assert.Equal(expected, client.Stream.NegotiatedApplicationProtocol);
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> Settings(params (string Key, string Value)[] settings)
    {
        foreach ((string key, string value) in settings)
        {
            yield return new KeyValuePair<string, string?>(key, value);
        }
    }

    private static string KeyPem(X509Certificate2 certificate)
    {
        using ECDsa key = certificate.GetECDsaPrivateKey()!;
        return key.ExportPkcs8PrivateKeyPem();
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
