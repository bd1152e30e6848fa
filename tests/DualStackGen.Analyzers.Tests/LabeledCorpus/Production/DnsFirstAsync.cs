using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Labeled.DnsFirstAsync;

/// <summary>First() of an awaited lookup returned by a helper, then listened on.</summary>
public static class NamedListener
{
    private static async Task<IPAddress> ResolveAsync(string host) => (await Dns.GetHostAddressesAsync(host)).First(); // expect: DSG0008, DSG0003

    public static async Task<TcpListener> StartAsync(string host, int port)
    {
        var listener = new TcpListener(await ResolveAsync(host), port);
        listener.Start();
        return listener;
    }
}
