using System.Net;
using System.Net.Sockets;

namespace Labeled.TimeClientOnePass;

/// <summary>
/// An SNTP client that walks the answer but leaves after the first pass whatever happened, next to one that moves on
/// to the next address when a connect fails.
/// </summary>
public sealed class TimeClient
{
    public Socket QueryFirst(string server)
    {
        var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
        foreach (IPAddress address in Dns.GetHostAddresses(server)) // expect: DSG0008
        {
            socket.Connect(new IPEndPoint(address, 123));
            break;
        }

        return socket;
    }

    public Socket QueryAny(string server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        foreach (IPAddress address in Dns.GetHostAddresses(server))
        {
            try
            {
                socket.Connect(address, 37);
                break;
            }
            catch (SocketException)
            {
            }
        }

        return socket;
    }
}
