using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DualStackGen.Runtime.Tests.Pipeline;

/// <summary>PROXY protocol headers written by hand from proxy-protocol.txt, as a proxy would send them.</summary>
internal static class ProxyHeaders
{
    public static readonly byte[] V2Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    public static byte[] V1(IPEndPoint source, IPEndPoint destination)
    {
        string family = source.AddressFamily == AddressFamily.InterNetwork ? "TCP4" : "TCP6";
        return Encoding.ASCII.GetBytes($"PROXY {family} {source.Address} {destination.Address} {source.Port} {destination.Port}\r\n");
    }

    /// <summary>A version 2 PROXY (or LOCAL) header for a TCP connection, with TLVs as (type, value).</summary>
    public static byte[] V2(IPEndPoint? source, IPEndPoint? destination, bool local = false, params (byte Type, byte[] Value)[] tlvs)
    {
        var body = new List<byte>();
        byte family = 0x00;
        if (source is not null && destination is not null)
        {
            family = source.AddressFamily == AddressFamily.InterNetwork ? (byte)0x11 : (byte)0x21;
            body.AddRange(source.Address.GetAddressBytes());
            body.AddRange(destination.Address.GetAddressBytes());
            body.AddRange(Port(source.Port));
            body.AddRange(Port(destination.Port));
        }

        foreach ((byte type, byte[] value) in tlvs)
        {
            body.Add(type);
            body.AddRange(Port(value.Length));
            body.AddRange(value);
        }

        return Raw(local ? (byte)0x20 : (byte)0x21, family, [.. body]);
    }

    /// <summary>A version 2 header with the given second and third bytes and body, its length field set to the body's.</summary>
    public static byte[] Raw(byte versionAndCommand, byte familyAndTransport, byte[] body)
    {
        byte[] header = new byte[16 + body.Length];
        V2Signature.CopyTo(header, 0);
        header[12] = versionAndCommand;
        header[13] = familyAndTransport;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)body.Length);
        body.CopyTo(header, 16);
        return header;
    }

    private static byte[] Port(int value)
    {
        byte[] bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }
}
