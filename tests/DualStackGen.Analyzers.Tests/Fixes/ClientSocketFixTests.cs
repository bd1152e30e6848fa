using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;

namespace DualStackGen.Analyzers.Tests.Fixes;

/// <summary>
/// A socket that connects is a client: it needs whatever family its peer has, and it must still be creatable on a host
/// without IPv6, where <c>new Socket(AddressFamily.InterNetworkV6, ...)</c> throws. Its fix is the family-less constructor.
/// </summary>
public sealed class ClientSocketFixTests
{
    private static AnalyzerVerifier Analyzer() => Verify.Analyzer<IPv4OnlyAddressFamilyAnalyzer>().WithCodeFix<IPv4OnlyAddressFamilyCodeFixProvider>();

    [Fact]
    public Task A_connecting_socket_is_created_without_a_family() => Analyzer().WithSource("""
        class Client
        {
            async Task<Socket> ConnectAsync(string host, int port)
            {
                var socket = new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new DnsEndPoint(host, port));
                return socket;
            }
        }
        """).ShouldFixToAsync("""
        class Client
        {
            async Task<Socket> ConnectAsync(string host, int port)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new DnsEndPoint(host, port));
                return socket;
            }
        }
        """);

    [Fact]
    public Task A_socket_that_binds_as_well_as_connects_is_still_made_dual_mode() => Analyzer().WithSource("""
        class Peer
        {
            void Open(int port, EndPoint remote)
            {
                var socket = new Socket([|AddressFamily.InterNetwork|], SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Any, port));
                socket.Connect(remote);
            }
        }
        """).ShouldFixToAsync("""
        class Peer
        {
            void Open(int port, EndPoint remote)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                socket.Connect(remote);
            }
        }
        """);
}
