using System.Net.Sockets;

namespace Labeled.PortOnly;

/// <summary>The port-only constructors listen on 0.0.0.0.</summary>
public static class LegacyStart
{
    public static UdpClient Start(int port) => new UdpClient(port); // expect: DSG0002

    public static TcpListener Listen(int port) => new TcpListener(port); // expect: DSG0002

    public static UdpClient Family(int port) => new UdpClient(port, AddressFamily.InterNetwork); // expect: DSG0002
}
