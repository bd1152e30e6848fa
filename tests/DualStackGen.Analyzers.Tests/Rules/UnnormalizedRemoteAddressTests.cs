using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0004: socket-reported addresses compared, family-checked or used as keys without unwrapping.</summary>
public sealed class UnnormalizedRemoteAddressTests
{
    private static AnalyzerVerifier Analyzer() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithCodeFix<UnnormalizedRemoteAddressCodeFixProvider>();

    [Fact]
    public Task Comparisons_family_checks_and_keys_of_socket_addresses_are_reported() => Analyzer().WithSource("""
        class Server
        {
            readonly Dictionary<IPAddress, int> _hits = new();
            readonly HashSet<IPAddress> _banned = new();

            async Task Serve(Socket listener, TcpClient client, UdpClient udp)
            {
                Socket accepted = await listener.AcceptAsync();
                var remote = (IPEndPoint)accepted.RemoteEndPoint!;
                bool local = [|remote.Address|] == IPAddress.Loopback;
                bool parsed = [|remote.Address|].Equals(IPAddress.Parse("10.0.0.1"));
                bool v4 = [|remote|].AddressFamily == AddressFamily.InterNetwork;
                bool v4Pattern = [|remote.Address|].AddressFamily is AddressFamily.InterNetwork;

                if (client.Client.RemoteEndPoint is IPEndPoint peer)
                {
                    _hits[[|peer.Address|]] = 1;
                    _banned.Contains([|peer.Address|]);
                }

                UdpReceiveResult datagram = await udp.ReceiveAsync();
                _hits.TryAdd([|datagram.RemoteEndPoint.Address|], 1);

                EndPoint from = new IPEndPoint(IPAddress.IPv6Any, 0);
                listener.ReceiveFrom(new byte[16], ref from);
                bool same = IPAddress.Loopback.Equals([|((IPEndPoint)from).Address|]);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task Normalized_addresses_runtime_endpoints_and_IPv6_comparisons_are_silent() => Analyzer().WithRuntimeReference().WithSource("""
        using DualStackGen;

        class Server
        {
            readonly Dictionary<IPAddress, int> _hits = new();

            void Serve(Socket accepted, IPAddress configured)
            {
                var remote = (IPEndPoint)accepted.RemoteEndPoint!;
                IPAddress address = remote.Address;
                if (address.IsIPv4MappedToIPv6)
                {
                    address = address.MapToIPv4();
                }

                bool local = address == IPAddress.Loopback;
                bool mapped = remote.Address.MapToIPv4() == IPAddress.Loopback;
                bool normalized = remote.Normalize().Address.Equals(IPAddress.Loopback);
                bool helper = EndPointNormalization.Normalize(remote.Address) == IPAddress.Loopback;
                bool v6 = remote.Address.Equals(IPAddress.IPv6Loopback);
                bool configuredOnly = configured == IPAddress.Loopback;
                _hits[remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address] = 1;
                bool family = remote.AddressFamily == AddressFamily.InterNetworkV6;
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_runtime_connection_and_datagram_endpoints_are_already_normalized() => Analyzer().WithRuntimeReference().WithSource("""
        using DualStackGen;

        class Handler
        {
            readonly HashSet<IPAddress> _seen = new();

            bool Local(TcpConnection connection) => connection.RemoteEndPoint.Address == IPAddress.Loopback;
            bool V4(UdpDatagram datagram) => datagram.RemoteEndPoint.AddressFamily == AddressFamily.InterNetwork;
            void Track(TcpConnection connection) => _seen.Add(connection.RemoteEndPoint.Address);
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_fix_unwraps_the_mapped_form_where_the_address_is_used() => Analyzer().WithSource("""
        class Server
        {
            bool IsLocal(Socket accepted)
            {
                var remote = (IPEndPoint)accepted.RemoteEndPoint!;
                return [|remote.Address|] == IPAddress.Loopback || [|remote|].AddressFamily == AddressFamily.InterNetwork;
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            bool IsLocal(Socket accepted)
            {
                var remote = (IPEndPoint)accepted.RemoteEndPoint!;
                return (remote.Address switch { { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4(), var address => address }) == IPAddress.Loopback || (remote.Address switch { { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4(), var address => address }).AddressFamily == AddressFamily.InterNetwork;
            }
        }
        """);

    [Fact]
    public Task With_the_runtime_the_fix_calls_EndPointNormalization() => Analyzer().WithRuntimeReference().WithSource("""
        class Server
        {
            readonly HashSet<IPAddress> _seen = new();

            void Track(Socket accepted) => _seen.Add([|((IPEndPoint)accepted.RemoteEndPoint!).Address|]);
        }
        """).ShouldFixToAsync("""
        using DualStackGen;

        class Server
        {
            readonly HashSet<IPAddress> _seen = new();

            void Track(Socket accepted) => _seen.Add(((IPEndPoint)accepted.RemoteEndPoint!).Address.Normalize());
        }
        """);

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task Fix_all_normalizes_every_use_in_scope(FixAllScope scope)
    {
        const string First = """
            class A
            {
                bool One(Socket s) => [|((IPEndPoint)s.RemoteEndPoint!).Address|] == IPAddress.Loopback;
                bool Two(Socket s) => [|((IPEndPoint)s.LocalEndPoint!).Address|] == IPAddress.Any;
            }
            """;
        const string Second = """
            class B
            {
                bool Three(UdpReceiveResult r) => [|r.RemoteEndPoint.Address|] == IPAddress.Loopback;
            }
            """;
        const string FirstFixed = """
            class A
            {
                bool One(Socket s) => (((IPEndPoint)s.RemoteEndPoint!).Address switch { { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4(), var address => address }) == IPAddress.Loopback;
                bool Two(Socket s) => (((IPEndPoint)s.LocalEndPoint!).Address switch { { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4(), var address => address }) == IPAddress.Any;
            }
            """;
        const string SecondFixed = """
            class B
            {
                bool Three(UdpReceiveResult r) => (r.RemoteEndPoint.Address switch { { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4(), var address => address }) == IPAddress.Loopback;
            }
            """;
        return scope switch
        {
            FixAllScope.Document => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, Second.Replace("[|", "").Replace("|]", "")),
            FixAllScope.Project => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
            _ => Analyzer().WithSource(First).WithSourceInProject(Second, 1).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
        };
    }
}
