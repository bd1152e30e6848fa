using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace DualStackGen;

/// <summary>
/// The SSL field (PP2_TYPE_SSL, 0x20) of a PROXY protocol version 2 header: what the proxy, which terminated TLS,
/// knew of the client's TLS session.
/// </summary>
public sealed class ProxySslInfo
{
    private const byte ClientSsl = 0x01;
    private const byte ClientCertificateConnection = 0x02;
    private const byte ClientCertificateSession = 0x04;

    private ProxySslInfo(byte client, uint verify, IReadOnlyList<ProxyTlv> fields)
    {
        Client = client;
        Verify = verify;
        Fields = fields;
        Version = Text(fields, 0x21);
        CommonName = Text(fields, 0x22);
        Cipher = Text(fields, 0x23);
    }

    /// <summary>Gets the field's <c>client</c> bit set (PP2_CLIENT_SSL 0x01, PP2_CLIENT_CERT_CONN 0x02, PP2_CLIENT_CERT_SESS 0x04).</summary>
    public byte Client { get; }

    /// <summary>Gets a value indicating whether the client connected over TLS (PP2_CLIENT_SSL).</summary>
    public bool IsTls => (Client & ClientSsl) != 0;

    /// <summary>Gets a value indicating whether the client presented a certificate, on this connection or in its session.</summary>
    public bool HasClientCertificate => (Client & (ClientCertificateConnection | ClientCertificateSession)) != 0;

    /// <summary>Gets the field's <c>verify</c> value: 0 when the client's certificate was verified.</summary>
    public uint Verify { get; }

    /// <summary>Gets the TLS version (PP2_SUBTYPE_SSL_VERSION), such as <c>TLSv1.3</c>, if sent.</summary>
    public string? Version { get; }

    /// <summary>Gets the client certificate's common name (PP2_SUBTYPE_SSL_CN), if sent.</summary>
    public string? CommonName { get; }

    /// <summary>Gets the cipher (PP2_SUBTYPE_SSL_CIPHER), if sent.</summary>
    public string? Cipher { get; }

    /// <summary>Gets every sub-field, those without a property of their own included.</summary>
    public IReadOnlyList<ProxyTlv> Fields { get; }

    internal static ProxySslInfo? Parse(ReadOnlySpan<byte> value)
    {
        if (value.Length < 5)
        {
            return null;
        }

        var fields = new List<ProxyTlv>();
        ReadOnlySpan<byte> block = value[5..];
        while (!block.IsEmpty)
        {
            if (block.Length < 3 || block.Length < 3 + BinaryPrimitives.ReadUInt16BigEndian(block[1..]))
            {
                return null;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(block[1..]);
            fields.Add(new ProxyTlv(block[0], block.Slice(3, length).ToArray()));
            block = block[(3 + length)..];
        }

        return new ProxySslInfo(value[0], BinaryPrimitives.ReadUInt32BigEndian(value[1..]), fields);
    }

    private static string? Text(IReadOnlyList<ProxyTlv> fields, byte type)
    {
        foreach (ProxyTlv field in fields)
        {
            if (field.Type == type)
            {
                return Encoding.UTF8.GetString(field.Value.Span);
            }
        }

        return null;
    }
}
