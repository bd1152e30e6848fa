using System.Net.Sockets;

namespace Labeled.Tests.Bench;

/// <summary>A benchmark's loopback UDP sink.</summary>
public static class UdpSink
{
    public static UdpClient Open(int port) => new UdpClient(port); // expect-when-analyzed: DSG0002
}
