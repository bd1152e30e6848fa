using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DualStackGen;

/// <summary>What <see cref="ProxyHeaderParser.Parse"/> made of the bytes received so far.</summary>
internal enum ProxyParseStatus
{
    /// <summary>The bytes are a prefix of a header that is not complete yet; every one of them is header.</summary>
    NeedMore,

    /// <summary>A whole header; its length is <see cref="ProxyParseResult.HeaderLength"/>.</summary>
    Complete,

    /// <summary>The bytes do not start with either signature: the connection carries no PROXY header.</summary>
    NoHeader,

    /// <summary>A header that breaks the protocol; the reason is <see cref="ProxyParseResult.Reason"/>.</summary>
    Invalid,
}

/// <summary>The outcome of <see cref="ProxyHeaderParser.Parse"/>.</summary>
internal readonly record struct ProxyParseResult(ProxyParseStatus Status, int HeaderLength, ProxyHeader? Header, string? Reason, bool SignatureConfirmed)
{
    public static ProxyParseResult NeedMore(bool signatureConfirmed) => new(ProxyParseStatus.NeedMore, 0, null, null, signatureConfirmed);

    public static ProxyParseResult Invalid(string reason) => new(ProxyParseStatus.Invalid, 0, null, reason, true);
}

/// <summary>
/// Parses PROXY protocol headers, version 1 (text) and 2 (binary), from the bytes received so far, as HAProxy's
/// proxy-protocol.txt defines them. Pure: it reads only the span it is given and never past a header's declared
/// length, so the step can hand the rest of the stream on untouched.
/// </summary>
internal static class ProxyHeaderParser
{
    /// <summary>The longest version 1 line, CRLF included (<c>PROXY UNKNOWN</c> with two IPv6 addresses and ports).</summary>
    public const int MaxV1Length = 107;

    /// <summary>The fixed part of a version 2 header: signature, version and command, family, length.</summary>
    public const int V2FixedLength = 16;

    /// <summary>The address block of an AF_UNIX version 2 header: two 108-byte paths.</summary>
    public const int V2UnixAddressLength = 216;

    public const string InvalidReason = "proxy_header_invalid";
    public const string TooLongReason = "proxy_header_too_long";

    private static ReadOnlySpan<byte> V1Signature => "PROXY "u8;

    private static ReadOnlySpan<byte> V2Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>The largest header a version 2 sender may send under <paramref name="maxTlvBytes"/>: the buffer a reader needs.</summary>
    public static int MaxHeaderLength(int maxTlvBytes) => V2FixedLength + V2UnixAddressLength + maxTlvBytes;

    /// <summary>Parses the start of a connection's bytes.</summary>
    /// <param name="received">The bytes received so far, from the connection's first byte.</param>
    /// <param name="maxTlvBytes">How many bytes of TLVs a version 2 header may carry beyond its addresses.</param>
    public static ProxyParseResult Parse(ReadOnlySpan<byte> received, int maxTlvBytes)
    {
        if (received.IsEmpty)
        {
            return ProxyParseResult.NeedMore(signatureConfirmed: false);
        }

        if (received[0] == V1Signature[0])
        {
            return MatchesPrefix(received, V1Signature) ? ParseV1(received) : new ProxyParseResult(ProxyParseStatus.NoHeader, 0, null, null, false);
        }

        if (received[0] == V2Signature[0])
        {
            return MatchesPrefix(received, V2Signature) ? ParseV2(received, maxTlvBytes) : new ProxyParseResult(ProxyParseStatus.NoHeader, 0, null, null, false);
        }

        return new ProxyParseResult(ProxyParseStatus.NoHeader, 0, null, null, false);
    }

    private static bool MatchesPrefix(ReadOnlySpan<byte> received, ReadOnlySpan<byte> signature)
    {
        int length = Math.Min(received.Length, signature.Length);
        return received[..length].SequenceEqual(signature[..length]);
    }

    private static ProxyParseResult ParseV1(ReadOnlySpan<byte> received)
    {
        if (received.Length < V1Signature.Length)
        {
            return ProxyParseResult.NeedMore(signatureConfirmed: false);
        }

        ReadOnlySpan<byte> window = received[..Math.Min(received.Length, MaxV1Length)];
        int lineFeed = window.IndexOf((byte)'\n');
        if (lineFeed < 0)
        {
            ReadOnlySpan<byte> printed = window[^1] == '\r' ? window[..^1] : window;
            if (printed.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
            {
                return ProxyParseResult.Invalid(InvalidReason);
            }

            return received.Length >= MaxV1Length ? ProxyParseResult.Invalid(TooLongReason) : ProxyParseResult.NeedMore(signatureConfirmed: true);
        }

        if (lineFeed == 0 || window[lineFeed - 1] != '\r')
        {
            return ProxyParseResult.Invalid(InvalidReason);
        }

        ReadOnlySpan<byte> line = window[V1Signature.Length..(lineFeed - 1)];
        if (line.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
        {
            return ProxyParseResult.Invalid(InvalidReason);
        }

        int headerLength = lineFeed + 1;
        string text = Encoding.ASCII.GetString(line);
        if (text == "UNKNOWN" || text.StartsWith("UNKNOWN ", StringComparison.Ordinal))
        {
            // "The receiver must ignore anything presented before the CRLF": the proxy could not tell who the client is.
            return new ProxyParseResult(ProxyParseStatus.Complete, headerLength, new ProxyHeader(1, isLocal: false, AddressFamily.Unspecified, null, null, []), null, true);
        }

        string[] fields = text.Split(' ');
        if (fields.Length != 5 || fields[0] is not ("TCP4" or "TCP6"))
        {
            return ProxyParseResult.Invalid(InvalidReason);
        }

        AddressFamily family = fields[0] == "TCP4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        if (!TryParseV1Address(fields[1], family, out IPAddress? source)
            || !TryParseV1Address(fields[2], family, out IPAddress? destination)
            || !TryParseV1Port(fields[3], out int sourcePort)
            || !TryParseV1Port(fields[4], out int destinationPort))
        {
            return ProxyParseResult.Invalid(InvalidReason);
        }

        var header = new ProxyHeader(1, isLocal: false, family, new IPEndPoint(source, sourcePort), new IPEndPoint(destination, destinationPort), []);
        return new ProxyParseResult(ProxyParseStatus.Complete, headerLength, header, null, true);
    }

    private static bool TryParseV1Address(string text, AddressFamily family, [NotNullWhen(true)] out IPAddress? address)
    {
        // IPAddress.TryParse also takes "1", "0x7f.1" and IPv6 scope ids; the protocol allows only the plain forms.
        bool plain = family == AddressFamily.InterNetwork
            ? text.Length is >= 7 and <= 15 && text.AsSpan().Count('.') == 3 && !text.AsSpan().ContainsAnyExcept("0123456789.")
            : text.Length is >= 2 and <= 45 && text.Contains(':', StringComparison.Ordinal) && !text.AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF:.");
        return IPAddress.TryParse(text, out address) && plain && address.AddressFamily == family;
    }

    private static bool TryParseV1Port(string text, out int port)
    {
        port = 0;
        return text.Length is >= 1 and <= 5
            && !text.AsSpan().ContainsAnyExceptInRange('0', '9')
            && (text.Length == 1 || text[0] != '0')
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port <= IPEndPoint.MaxPort;
    }

    private static ProxyParseResult ParseV2(ReadOnlySpan<byte> received, int maxTlvBytes)
    {
        if (received.Length < V2Signature.Length)
        {
            return ProxyParseResult.NeedMore(signatureConfirmed: false);
        }

        if (received.Length < V2FixedLength)
        {
            return ProxyParseResult.NeedMore(signatureConfirmed: true);
        }

        byte versionAndCommand = received[12];
        byte familyAndTransport = received[13];
        int length = BinaryPrimitives.ReadUInt16BigEndian(received[14..]);
        if (versionAndCommand >> 4 != 2 || (versionAndCommand & 0x0F) > 1)
        {
            return ProxyParseResult.Invalid(InvalidReason);
        }

        bool isLocal = (versionAndCommand & 0x0F) == 0;
        (AddressFamily family, int addressLength) = (familyAndTransport >> 4) switch
        {
            0 => (AddressFamily.Unspecified, 0),
            1 => (AddressFamily.InterNetwork, 12),
            2 => (AddressFamily.InterNetworkV6, 36),
            3 => (AddressFamily.Unix, V2UnixAddressLength),
            _ => (AddressFamily.Unknown, -1),
        };
        int transport = familyAndTransport & 0x0F;
        if (addressLength < 0 || transport > 2)
        {
            return ProxyParseResult.Invalid(InvalidReason);
        }

        if (length > addressLength + maxTlvBytes)
        {
            return ProxyParseResult.Invalid(TooLongReason);
        }

        int headerLength = V2FixedLength + length;
        if (received.Length < headerLength)
        {
            return ProxyParseResult.NeedMore(signatureConfirmed: true);
        }

        ReadOnlySpan<byte> body = received[V2FixedLength..headerLength];
        if (isLocal)
        {
            // LOCAL: a connection of the proxy's own (a health check); its addresses, if any, say nothing of a client.
            return TryParseTlvs(body[Math.Min(addressLength, body.Length)..], out List<ProxyTlv>? localTlvs)
                ? new ProxyParseResult(ProxyParseStatus.Complete, headerLength, new ProxyHeader(2, isLocal: true, family, null, null, localTlvs), null, true)
                : ProxyParseResult.Invalid(InvalidReason);
        }

        if (length < addressLength)
        {
            return ProxyParseResult.Invalid(InvalidReason);
        }

        IPEndPoint? source = null;
        IPEndPoint? destination = null;
        if (family == AddressFamily.InterNetwork || family == AddressFamily.InterNetworkV6)
        {
            // Over a TCP connection the proxied one is a stream; a datagram (or unspecified) transport is not something a TCP server can stand for.
            if (transport != 1)
            {
                return ProxyParseResult.Invalid(InvalidReason);
            }

            int size = family == AddressFamily.InterNetwork ? 4 : 16;
            source = new IPEndPoint(new IPAddress(body[..size]), BinaryPrimitives.ReadUInt16BigEndian(body[(2 * size)..]));
            destination = new IPEndPoint(new IPAddress(body[size..(2 * size)]), BinaryPrimitives.ReadUInt16BigEndian(body[((2 * size) + 2)..]));
        }

        return TryParseTlvs(body[addressLength..], out List<ProxyTlv>? tlvs)
            ? new ProxyParseResult(ProxyParseStatus.Complete, headerLength, new ProxyHeader(2, isLocal: false, family, source, destination, tlvs), null, true)
            : ProxyParseResult.Invalid(InvalidReason);
    }

    private static bool TryParseTlvs(ReadOnlySpan<byte> block, out List<ProxyTlv> tlvs)
    {
        tlvs = [];
        while (!block.IsEmpty)
        {
            if (block.Length < 3)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(block[1..]);
            if (block.Length < 3 + length)
            {
                return false;
            }

            tlvs.Add(new ProxyTlv(block[0], block.Slice(3, length).ToArray()));
            block = block[(3 + length)..];
        }

        return true;
    }
}
