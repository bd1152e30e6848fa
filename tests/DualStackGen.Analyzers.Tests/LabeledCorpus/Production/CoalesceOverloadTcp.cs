using System.Net;
using System.Net.Sockets;

namespace Labeled.CoalesceTcp;

/// <summary>A nullable address defaulted by ?? in one overload, listened on in another.</summary>
public sealed class ChatListener
{
    private TcpListener? _listener;

    public void Listen(int port, IPAddress? localAddress = null)
    {
        IPAddress address = localAddress ?? IPAddress.Any; // expect: DSG0002
        Bind(address, port);
    }

    private void Bind(IPAddress address, int port)
    {
        _listener = new TcpListener(address, port);
        _listener.Start();
    }
}
