using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Realistic.DnsServer;

/// <summary>DNS over TCP on both families: one listener each, the IPv6 one IPv6-only on purpose.</summary>
public sealed class DnsTcpListeners
{
    private TcpListener? _v4;
    private TcpListener? _v6;

    public void Start(int port)
    {
        _v4 = new TcpListener(IPAddress.Any, port);
        _v6 = new TcpListener(IPAddress.IPv6Any, port);
        _v6.Server.DualMode = false;
        _v4.Start();
        _v6.Start();
    }

    public async Task<TcpClient> AcceptAsync()
    {
        Task<TcpClient> v4 = _v4!.AcceptTcpClientAsync();
        Task<TcpClient> v6 = _v6!.AcceptTcpClientAsync();
        return await await Task.WhenAny(v4, v6);
    }
}
