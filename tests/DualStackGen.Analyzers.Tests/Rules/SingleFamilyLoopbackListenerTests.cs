using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.Generator.Analyzers;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0006 (info): a listener on one loopback only.</summary>
public sealed class SingleFamilyLoopbackListenerTests
{
    [Fact]
    public Task Listeners_on_one_loopback_are_reported() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        class Server
        {
            TcpListener V4(int port) => new TcpListener([|IPAddress.Loopback|], port);
            TcpListener V6(int port) => new TcpListener(new IPEndPoint([|IPAddress.IPv6Loopback|], port));
            void Bound(Socket socket, int port) => socket.Bind(new IPEndPoint([|IPAddress.Loopback|], port));
            UdpClient Udp(int port) => new UdpClient(new IPEndPoint([|IPAddress.Loopback|], port));
        }
        """).ShouldReportAsync();

    [Fact]
    public Task Both_loopbacks_clients_and_wildcards_are_silent() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        class Server
        {
            void Both(int port)
            {
                var v4 = new TcpListener(IPAddress.Loopback, port);
                var v6 = new TcpListener(IPAddress.IPv6Loopback, port);
            }

            void Client(Socket socket, int port) => socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            TcpListener Any(int port) => TcpListener.Create(port);
            TcpListener Configured(IPAddress address, int port) => new TcpListener(address, port);
        }
        """).ShouldReportAsync();

    // The loopback of each family chosen into a local, one listener each: both loopbacks are served.
    [Fact]
    public Task Both_loopbacks_chosen_into_locals_for_two_listeners_are_silent() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        class NotificationServer
        {
            void Start(bool allowRemote, int port)
            {
                var v4Address = allowRemote ? IPAddress.Any : IPAddress.Loopback;
                var v6Address = allowRemote ? IPAddress.IPv6Any : IPAddress.IPv6Loopback;
                new TcpListener(v4Address, port).Start();
                var v6 = new TcpListener(v6Address, port);
                v6.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
                v6.Start();
            }
        }
        """).ShouldReportAsync();
}
