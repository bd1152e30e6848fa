using System.Net.Sockets;

namespace Labeled.FamilyField;

/// <summary>The family chosen in a field initializer, used when the socket is created.</summary>
public sealed class RawServer
{
    private readonly AddressFamily _family = AddressFamily.InterNetwork; // expect: DSG0001

    public Socket Create() => new Socket(_family, SocketType.Stream, ProtocolType.Tcp);
}
