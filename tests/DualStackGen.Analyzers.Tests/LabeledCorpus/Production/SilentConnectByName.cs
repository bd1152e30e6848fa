using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Labeled.Silent.ConnectByName;

/// <summary>Connecting by name tries every address; a loop over the answer does too.</summary>
public static class Dialer
{
    public static async Task<TcpClient> ConnectAsync(string host, int port)
    {
        var client = new TcpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
        await client.ConnectAsync(host, port);
        return client;
    }

    public static Socket? TryEach(string host, int port)
    {
        foreach (IPAddress address in Dns.GetHostAddresses(host))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(address, port);
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
            }
        }

        return null;
    }
}
