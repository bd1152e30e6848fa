using System.Net;
using System.Net.Sockets;

namespace HeldOut.Listening.Unity;

/// <summary>A component-style transport: inspector fields, the socket opened in Start().</summary>
public partial class UdpTransport
{
    public string ListenAddress = "0.0.0.0"; // expect: DSG0002

    public ushort Port = 7777;

    public int MaxMessageSize = 1200;

    private Socket? _socket;
    private EndPoint _receiveFrom = new IPEndPoint(IPAddress.Any, 0);

    public void Start()
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp); // expect: DSG0001
        _socket.Blocking = false;
        _socket.Bind(new IPEndPoint(IPAddress.Parse(ListenAddress), Port)); // expect: DSG0003
    }

    public void OnDestroy()
    {
        _socket?.Close();
        _socket = null;
    }
}
