using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DualStackGen;

/// <summary>
/// <c>sendmsg(2)</c> with one <c>IP_PKTINFO</c> or <c>IPV6_PKTINFO</c> control message, as Linux declares them, so a
/// UDP reply can name its source address. The layouts follow glibc's and musl's on little-endian Linux, 64- and
/// 32-bit (<c>size_t</c> fields are <see cref="nuint"/>; musl's padded <c>int</c> fields read the same).
/// </summary>
internal static partial class Libc
{
    public const ushort AddressFamilyIPv4 = 2;

    public const ushort AddressFamilyIPv6 = 10;

    /// <summary><c>IPPROTO_IP</c>, the level of <c>IP_PKTINFO</c>.</summary>
    public const int LevelIP = 0;

    /// <summary><c>IPPROTO_IPV6</c>, the level of <c>IPV6_PKTINFO</c>.</summary>
    public const int LevelIPv6 = 41;

    public const int IPPacketInfo = 8;

    public const int IPv6PacketInfo = 50;

    /// <summary><c>MSG_DONTWAIT</c>: never block, whatever <c>O_NONBLOCK</c> says.</summary>
    public const int MessageDontWait = 0x40;

    /// <summary><c>MSG_NOSIGNAL</c>.</summary>
    public const int MessageNoSignal = 0x4000;

    public const int ErrorInterrupted = 4;

    public const int ErrorWouldBlock = 11;

    public const int ErrorInvalidArgument = 22;

    public const int ErrorAddressNotAvailable = 99;

    public const int ErrorNetworkUnreachable = 101;

    /// <summary>Sends one datagram; returns the bytes sent, or -1 with the error in <see cref="Marshal.GetLastPInvokeError"/>.</summary>
    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    public static unsafe partial nint SendMessage(SafeSocketHandle socket, MessageHeader* message, int flags);

    /// <summary><c>struct msghdr</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IOVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct IOVector
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary><c>struct cmsghdr</c>; its size is <c>CMSG_ALIGN(sizeof(struct cmsghdr))</c> on every Linux ABI, so the data follows it directly.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ControlMessageHeader
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    /// <summary><c>struct sockaddr_in</c>; port and address in network byte order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct SocketAddressIPv4
    {
        public ushort Family;
        public ushort Port;
        public fixed byte Address[4];
        public fixed byte Zero[8];
    }

    /// <summary><c>struct sockaddr_in6</c>; port and address in network byte order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct SocketAddressIPv6
    {
        public ushort Family;
        public ushort Port;
        public uint FlowInfo;
        public fixed byte Address[16];
        public uint ScopeId;
    }

    /// <summary>
    /// One <c>IP_PKTINFO</c> control message: <c>cmsghdr</c> then <c>struct in_pktinfo</c>. Sent, <c>ipi_spec_dst</c> is
    /// the source address and a non-zero <c>ipi_ifindex</c> the outgoing interface; <c>ipi_addr</c> is ignored. The
    /// struct's size, padded to the header's alignment, is <c>CMSG_SPACE(sizeof(struct in_pktinfo))</c>.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct IPPacketInfoMessage
    {
        public ControlMessageHeader Header;
        public int InterfaceIndex;
        public fixed byte SourceAddress[4];
        public fixed byte HeaderDestination[4];
    }

    /// <summary>One <c>IPV6_PKTINFO</c> control message: <c>cmsghdr</c> then <c>struct in6_pktinfo</c> (source address, interface).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct IPv6PacketInfoMessage
    {
        public ControlMessageHeader Header;
        public fixed byte SourceAddress[16];
        public int InterfaceIndex;
    }
}
