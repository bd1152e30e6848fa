using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Labeled.DnsForeach;

/// <summary>The first matching DNS answer picked by foreach ... return, then connected to.</summary>
public static class PreferredAddress
{
    public static IPAddress? Pick(string host)
    {
        foreach (IPAddress candidate in Dns.GetHostAddresses(host)) // expect: DSG0008
        {
            if (!IPAddress.IsLoopback(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static async Task<TcpClient> ConnectAsync(string host, int port)
    {
        var client = new TcpClient(AddressFamily.InterNetworkV6);
        await client.ConnectAsync(Pick(host)!, port);
        return client;
    }
}
