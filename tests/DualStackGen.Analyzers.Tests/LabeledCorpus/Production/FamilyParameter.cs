using System.Net.Sockets;

namespace Labeled.FamilyParameter;

/// <summary>The family passed by the only caller.</summary>
public sealed class SocketFactory
{
    public Socket Udp() => Create(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp); // expect: DSG0001

    private static Socket Create(AddressFamily family, SocketType type, ProtocolType protocol) => new Socket(family, type, protocol);
}
