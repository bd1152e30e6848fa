using System.Net;
using System.Net.Sockets;

namespace Labeled.SilentFixedAddressSocketField;

/// <summary>
/// A LAN game host whose UDP socket, kept in a static field, is bound to the one unicast IPv4 address its launcher
/// writes down; and a command-line "proto:address:port" bind option whose host part DSG0007's split speaks for.
/// </summary>
public static class Launcher
{
    public static void Main(string[] args)
    {
        GameHost.Host(new IPEndPoint(IPAddress.Parse("192.168.0.140"), 64693));

        foreach (string option in args)
        {
            string[] parts = option.Split(new[] { ':' }, 3); // expect: DSG0007
            if (!int.TryParse(parts[2], out int port))
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Parse(parts[1]), port);
            listener.Start();
        }
    }
}

public static class GameHost
{
    private static Socket? s_server;

    public static void Host(IPEndPoint local)
    {
        s_server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s_server.Bind(local);
    }
}
