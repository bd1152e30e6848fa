using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Realistic.Tests;

/// <summary>A fake broker for client tests, on 127.0.0.1 only: the clients under test use the same literal.</summary>
public sealed class FakeBroker
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0); // expect-when-analyzed: DSG0006

    public int Start()
    {
        _listener.Start();
        return ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public string ConnectionString => $"127.0.0.1:{Start()}";

    public async Task<Socket> AcceptAsync() => await _listener.AcceptSocketAsync();
}
