using System;

namespace DualStackGen;

/// <summary>
/// One type-length-value field of a PROXY protocol version 2 header, as the proxy sent it (the PP2_TYPE_* codes of
/// HAProxy's proxy-protocol.txt: 0x01 ALPN, 0x02 authority, 0x05 unique id, 0x20 SSL, and so on).
/// </summary>
public sealed class ProxyTlv
{
    internal ProxyTlv(byte type, byte[] value)
    {
        Type = type;
        Value = value;
    }

    /// <summary>Gets the field's type code.</summary>
    public byte Type { get; }

    /// <summary>Gets the field's value, a copy that stays valid for the connection's lifetime.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Returns the type and length, for logs.</summary>
    /// <returns>For example <c>0x01 (2 bytes)</c>.</returns>
    public override string ToString() => $"0x{Type:x2} ({Value.Length} bytes)";
}
