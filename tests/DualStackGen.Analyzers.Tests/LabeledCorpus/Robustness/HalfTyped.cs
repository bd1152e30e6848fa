using System.Net;
using System.Net.Sockets;

namespace Robustness.Broken;

public class HalfTyped
{
    private IPAddress _a = IPAddress.
    private readonly Sock _s = new Sock(AddressFamily.InterNetwork, );

    public void Start(int port
    {
        var l = new TcpListener(_a, port
        l.Server.DualMode = true
        var e = new IPEndPoint(IPAddress.Any, );
        _s.Bind(e);
        Socket x = new(AddressFamily., SocketType.Stream, ProtocolType.Tcp);
        x.Bind(new IPEndPoint(Undefined.Thing, port));
        x.DualMode = ;
        string text = $"{_a}:{port";
        var parts = text.Split(':')[;
        if (x.RemoteEndPoint is IPEndPoint { Address: var a } && a == IPAddress.Parse(
    }

    public IPAddress Resolve(string h) => Dns.GetHostAddresses(h)[
    public IPEndPoint Recurse() => Recurse();
    public IPAddress Cycle1() => Cycle2();
    public IPAddress Cycle2() => Cycle1() ?? IPAddress.Any;
    public TcpListener L() => new TcpListener(Cycle1(), 1);
}
