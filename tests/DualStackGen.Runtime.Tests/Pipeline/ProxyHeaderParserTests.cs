using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CsCheck;

namespace DualStackGen.Runtime.Tests.Pipeline;

/// <summary>
/// The PROXY header parser on headers written from the specification, on every prefix of them, and on random input
/// (CsCheck): it never throws, never claims more bytes than it was given or than the header declares, and refuses
/// what breaks the protocol.
/// </summary>
public sealed class ProxyHeaderParserTests
{
    private const int MaxTlvBytes = 256;

    private static readonly IPEndPoint Client4 = IPEndPoint.Parse("192.0.2.7:51514");
    private static readonly IPEndPoint Frontend4 = IPEndPoint.Parse("198.51.100.1:443");
    private static readonly IPEndPoint Client6 = IPEndPoint.Parse("[2001:db8::7]:51514");
    private static readonly IPEndPoint Frontend6 = IPEndPoint.Parse("[2001:db8::1]:443");

    public static TheoryData<string, byte[], string?> WellFormedHeaders() => new()
    {
        { "v1 TCP4", ProxyHeaders.V1(Client4, Frontend4), "192.0.2.7:51514" },
        { "v1 TCP6", ProxyHeaders.V1(Client6, Frontend6), "[2001:db8::7]:51514" },
        { "v1 UNKNOWN", Encoding.ASCII.GetBytes("PROXY UNKNOWN\r\n"), null },
        { "v1 UNKNOWN with addresses", Encoding.ASCII.GetBytes("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n"), null },
        { "v2 TCP over IPv4", ProxyHeaders.V2(Client4, Frontend4), "192.0.2.7:51514" },
        { "v2 TCP over IPv6", ProxyHeaders.V2(Client6, Frontend6), "[2001:db8::7]:51514" },
        { "v2 IPv4-mapped source", ProxyHeaders.V2(IPEndPoint.Parse("[::ffff:192.0.2.7]:1"), Frontend6), "192.0.2.7:1" },
        { "v2 LOCAL", ProxyHeaders.V2(null, null, local: true), null },
        { "v2 LOCAL with addresses", ProxyHeaders.V2(Client4, Frontend4, local: true), null },
        { "v2 UNSPEC", ProxyHeaders.Raw(0x21, 0x00, []), null },
        { "v2 UNIX stream", ProxyHeaders.Raw(0x21, 0x31, new byte[216]), null },
    };

    [Theory]
    [MemberData(nameof(WellFormedHeaders))]
    public void A_well_formed_header_is_parsed_to_its_exact_length_and_only_its_prefixes_ask_for_more(string name, byte[] header, string? client)
    {
        byte[] followed = [.. header, .. "GET / HTTP/1.1\r\n"u8];
        ProxyParseResult result = ProxyHeaderParser.Parse(followed, MaxTlvBytes);

        Assert.True(result.Status == ProxyParseStatus.Complete, $"{name}: {result}");
        Assert.Equal(header.Length, result.HeaderLength);
        Assert.Equal(client, result.Header!.SourceEndPoint?.ToString());
        for (int length = 0; length < header.Length; length++)
        {
            Assert.Equal(ProxyParseStatus.NeedMore, ProxyHeaderParser.Parse(header.AsSpan(0, length), MaxTlvBytes).Status);
        }
    }

    [Fact]
    public void Version_2_tlvs_are_exposed_alpn_authority_unique_id_and_the_ssl_field()
    {
        byte[] ssl = [0x07, 0, 0, 0, 0, 0x21, 0, 7, .. "TLSv1.3"u8, 0x22, 0, 6, .. "client"u8];
        byte[] header = ProxyHeaders.V2(Client6, Frontend6, false, (0x01, "h2"u8.ToArray()), (0x02, "example.test"u8.ToArray()), (0x05, [1, 2, 3]), (0x20, ssl), (0xE0, [9]));

        ProxyHeader parsed = ProxyHeaderParser.Parse(header, MaxTlvBytes).Header!;

        Assert.Equal("h2", Encoding.ASCII.GetString(parsed.Alpn!.Value.Span));
        Assert.Equal("example.test", parsed.Authority);
        Assert.Equal([1, 2, 3], parsed.UniqueId!.Value.ToArray());
        Assert.True(parsed.Ssl!.IsTls);
        Assert.True(parsed.Ssl.HasClientCertificate);
        Assert.Equal(0u, parsed.Ssl.Verify);
        Assert.Equal("TLSv1.3", parsed.Ssl.Version);
        Assert.Equal("client", parsed.Ssl.CommonName);
        Assert.Equal([0x01, 0x02, 0x05, 0x20, 0xE0], parsed.Tlvs.Select(t => t.Type));
        Assert.Equal(AddressFamily.InterNetworkV6, parsed.Family);
        Assert.Equal(Frontend6, parsed.DestinationEndPoint);
    }

    public static TheoryData<string, byte[], string> MalformedHeaders() => new()
    {
        { "v1 unknown protocol", Encoding.ASCII.GetBytes("PROXY UDP4 192.0.2.7 198.51.100.1 1 2\r\n"), ProxyHeaderParser.InvalidReason },
        { "v1 IPv6 address under TCP4", Encoding.ASCII.GetBytes("PROXY TCP4 ::1 ::1 1 2\r\n"), ProxyHeaderParser.InvalidReason },
        { "v1 port out of range", Encoding.ASCII.GetBytes("PROXY TCP4 192.0.2.7 198.51.100.1 65536 2\r\n"), ProxyHeaderParser.InvalidReason },
        { "v1 port with a leading zero", Encoding.ASCII.GetBytes("PROXY TCP4 192.0.2.7 198.51.100.1 080 2\r\n"), ProxyHeaderParser.InvalidReason },
        { "v1 short IPv4 form", Encoding.ASCII.GetBytes("PROXY TCP4 127.1 198.51.100.1 1 2\r\n"), ProxyHeaderParser.InvalidReason },
        { "v1 double space", Encoding.ASCII.GetBytes("PROXY TCP4  192.0.2.7 198.51.100.1 1 2\r\n"), ProxyHeaderParser.InvalidReason },
        { "v1 bare LF", Encoding.ASCII.GetBytes("PROXY TCP4 192.0.2.7 198.51.100.1 1 2\n"), ProxyHeaderParser.InvalidReason },
        { "v1 control byte", Encoding.ASCII.GetBytes("PROXY TCP4 192.0.2.7\0"), ProxyHeaderParser.InvalidReason },
        { "v1 no CRLF in 107 bytes", Encoding.ASCII.GetBytes("PROXY UNKNOWN " + new string('a', 100)), ProxyHeaderParser.TooLongReason },
        { "v2 version 3", ProxyHeaders.Raw(0x31, 0x11, new byte[12]), ProxyHeaderParser.InvalidReason },
        { "v2 command 2", ProxyHeaders.Raw(0x22, 0x11, new byte[12]), ProxyHeaderParser.InvalidReason },
        { "v2 family 4", ProxyHeaders.Raw(0x21, 0x41, new byte[12]), ProxyHeaderParser.InvalidReason },
        { "v2 IPv4 with a short address block", ProxyHeaders.Raw(0x21, 0x11, new byte[11]), ProxyHeaderParser.InvalidReason },
        { "v2 IPv4 over datagrams on a stream", ProxyHeaders.Raw(0x21, 0x12, new byte[12]), ProxyHeaderParser.InvalidReason },
        { "v2 TLV overrunning the header", ProxyHeaders.Raw(0x21, 0x11, [.. new byte[12], 0x01, 0x00, 0x05, 0x01]), ProxyHeaderParser.InvalidReason },
        { "v2 TLVs beyond the bound", ProxyHeaders.Raw(0x21, 0x11, new byte[12 + MaxTlvBytes + 1]), ProxyHeaderParser.TooLongReason },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void A_malformed_header_is_refused_with_its_reason(string name, byte[] header, string reason)
    {
        ProxyParseResult result = ProxyHeaderParser.Parse(header, MaxTlvBytes);

        Assert.True(result.Status == ProxyParseStatus.Invalid, $"{name}: {result}");
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void An_oversized_version_2_header_is_refused_from_its_fixed_part_alone()
    {
        byte[] fixedPart = ProxyHeaders.Raw(0x21, 0x21, new byte[36 + MaxTlvBytes + 1])[..16];

        Assert.Equal(ProxyHeaderParser.TooLongReason, ProxyHeaderParser.Parse(fixedPart, MaxTlvBytes).Reason);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n")]
    [InlineData("PROXY")]
    [InlineData("\r\n\r\n")]
    public void Bytes_that_are_not_a_header_are_told_apart_from_a_header_prefix(string start)
    {
        ProxyParseStatus status = ProxyHeaderParser.Parse(Encoding.ASCII.GetBytes(start), MaxTlvBytes).Status;

        Assert.Equal(start.StartsWith('G') ? ProxyParseStatus.NoHeader : ProxyParseStatus.NeedMore, status);
    }

    [Fact]
    public void Random_input_never_throws_and_never_claims_more_than_it_was_given()
    {
        Gen.Byte.Array[0, 600].Sample(input => CheckBounded(input), iter: 20_000);
    }

    [Fact]
    public void Random_input_behind_a_valid_signature_never_throws_and_never_claims_more_than_it_was_given()
    {
        Gen<byte[]> v2 = Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte.Array[0, 400], (command, family, body) => (byte[])[.. ProxyHeaders.V2Signature, command, family, .. body]);
        Gen<byte[]> v1 = Gen.Select(Gen.Int[0, 3].Select(i => new[] { "TCP4 ", "TCP6 ", "UNKNOWN", "" }[i]), Gen.Char["0123456789abcdef.: \r\n"].Array[0, 120], (protocol, rest) => Encoding.ASCII.GetBytes("PROXY " + protocol + new string(rest)));
        Gen.OneOf(v1, v2).Sample(input => CheckBounded(input), iter: 20_000);
    }

    [Fact]
    public void A_valid_header_followed_by_random_bytes_is_parsed_to_the_same_length_and_never_reads_past_it()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Byte.Array[0, 200], Gen.Int[1, 65535]).Sample((kind, trailer, port) =>
        {
            var client = new IPEndPoint(kind % 2 == 0 ? Client4.Address : Client6.Address, port);
            IPEndPoint frontend = kind % 2 == 0 ? Frontend4 : Frontend6;
            byte[] header = kind < 2 ? ProxyHeaders.V1(client, frontend) : ProxyHeaders.V2(client, frontend);

            ProxyParseResult result = ProxyHeaderParser.Parse([.. header, .. trailer], MaxTlvBytes);

            Assert.Equal(ProxyParseStatus.Complete, result.Status);
            Assert.Equal(header.Length, result.HeaderLength);
            Assert.Equal(client, result.Header!.SourceEndPoint);
        }, iter: 5_000);
    }

    private static void CheckBounded(byte[] input)
    {
        ProxyParseResult result = ProxyHeaderParser.Parse(input, MaxTlvBytes);
        Assert.InRange(result.HeaderLength, 0, input.Length);
        Assert.True(result.Status != ProxyParseStatus.Complete || result.HeaderLength <= ProxyHeaderParser.MaxHeaderLength(MaxTlvBytes));
        Assert.True(result.Status != ProxyParseStatus.Invalid || result.Reason is not null);
        if (result.Status == ProxyParseStatus.NeedMore)
        {
            // A prefix that asks for more never does so beyond the bounds a reader buffers.
            Assert.True(input.Length < ProxyHeaderParser.MaxHeaderLength(MaxTlvBytes));
        }
    }
}
