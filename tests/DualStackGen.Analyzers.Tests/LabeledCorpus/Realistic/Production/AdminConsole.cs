using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Realistic.Admin;

/// <summary>A telnet-style admin console on a dual-mode listener that trusts local clients.</summary>
public sealed class AdminConsole
{
    private readonly TcpListener _listener;

    public AdminConsole(int port)
    {
        _listener = new TcpListener(IPAddress.IPv6Any, port);
        _listener.Server.DualMode = true;
    }

    public async Task ServeOneAsync()
    {
        _listener.Start();
        TcpClient client = await _listener.AcceptTcpClientAsync();
        var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
        bool trusted = remote.Address.Equals(IPAddress.Loopback); // expect: DSG0004
        bool viaPattern = remote.Address is { AddressFamily: AddressFamily.InterNetwork }; // expect: DSG0004
        bool lan = IsLan(remote.Address);
        if (!trusted && !viaPattern && !lan)
        {
            client.Dispose();
        }
    }

    private static bool IsLan(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 10; // expect: DSG0004
}
