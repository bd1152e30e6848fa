using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0001: AddressFamily.InterNetwork given to Socket and UdpClient constructors.</summary>
public sealed class IPv4OnlyAddressFamilyTests
{
    private static AnalyzerVerifier Analyzer() => Verify.Analyzer<IPv4OnlyAddressFamilyAnalyzer>().WithCodeFix<IPv4OnlyAddressFamilyCodeFixProvider>();

    // A responder given IPAddress.Broadcast by one caller and IPAddress.Any by another: an IPv4 broadcast protocol.
    [Fact]
    public Task An_IPv4_socket_a_caller_binds_to_the_broadcast_address_is_a_broadcast_responder() => Verify.Analyzer<IPv4OnlyAddressFamilyAnalyzer>().WithSource(BroadcastResponder.Source).ShouldReportAsync();

    [Fact]
    public Task Socket_constructor_with_InterNetwork_is_reported() => Analyzer().WithSource("""
        class Server
        {
            Socket Create() => new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
        }
        """).ShouldReportAsync();

    [Fact]
    public Task InterNetwork_through_a_local_or_a_constant_is_reported() => Analyzer().WithSource("""
        class Server
        {
            const AddressFamily Family = AddressFamily.InterNetwork;

            void Create()
            {
                var family = [|AddressFamily.InterNetwork|];
                using var viaLocal = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
                using var viaConstant = new Socket([|Family|], SocketType.Dgram, ProtocolType.Udp);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task UdpClient_constructor_with_InterNetwork_is_reported() => Analyzer().WithSource("""
        class Server
        {
            UdpClient Create() => new UdpClient([|AddressFamily.InterNetwork|]);
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_TcpClient_forced_to_InterNetwork_is_reported_and_fixed_to_the_family_less_constructor() => Analyzer().WithSource("""
        class Peers
        {
            async Task<TcpClient> ConnectAsync(string host, int port)
            {
                var client = new TcpClient([|AddressFamily.InterNetwork|]);
                await client.ConnectAsync(host, port);
                return client;
            }

            TcpClient Matching(IPEndPoint peer) => new TcpClient(peer.AddressFamily);
        }
        """).ShouldFixToAsync("""
        class Peers
        {
            async Task<TcpClient> ConnectAsync(string host, int port)
            {
                var client = new TcpClient();
                await client.ConnectAsync(host, port);
                return client;
            }

            TcpClient Matching(IPEndPoint peer) => new TcpClient(peer.AddressFamily);
        }
        """);

    [Fact]
    public Task ICMP_and_IGMP_sockets_are_IPv4_by_protocol_and_silent() => Analyzer().WithSource("""
        class Monitor
        {
            Socket Ping() => new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
            Socket Groups() => new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Igmp);
            Socket Udp() => new Socket([|AddressFamily.InterNetwork|], SocketType.Dgram, ProtocolType.Udp);
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_socket_made_for_one_fixed_IPv4_address_is_silent_and_the_wildcard_or_a_mixed_target_is_not() => Analyzer().WithSource("""
        class ActiveMode
        {
            // An FTP PORT argument: the peer is rebuilt from its four numbers, so it is IPv4 by protocol.
            void OpenData(string[] numbers, int port)
            {
                var peer = IPAddress.Parse(numbers[0] + "." + numbers[1] + "." + numbers[2] + "." + numbers[3]);
                Connect(peer, port);
            }

            // Public: a caller outside the compilation could pass anything, but the compilation's own callers decide.
            public void Connect(IPAddress peer, int port)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(new IPEndPoint(peer, port));
            }

            void Interpolated(int a, int b, int c, int d, int port)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(IPAddress.Parse($"{a}.{b}.{c}.{d}"), port);
            }

            // One unicast address of this host.
            void BindOne()
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5555));
            }

            void Wildcard()
            {
                var socket = new Socket([|AddressFamily.InterNetwork|], SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Any, 5555));
            }

            void EitherTarget(string host, int port, bool fixedPeer)
            {
                var socket = new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(fixedPeer ? IPAddress.Parse("192.0.2.20") : Dns.GetHostAddresses(host)[0], port);
            }

            void NeverAddressed()
            {
                var socket = new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
                socket.Listen(10);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_family_taken_from_an_endpoint_or_address_is_silent() => Analyzer().WithSource("""
        class Client
        {
            void Connect(IPEndPoint endpoint, IPAddress address)
            {
                using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                using var udp = new UdpClient(address.AddressFamily);
                using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                var family = AddressFamily.InterNetwork;
                family = address.AddressFamily;
                using var reassigned = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_fix_makes_the_socket_dual_mode_and_binds_it_to_IPv6Any() => Analyzer().WithSource("""
        class Server
        {
            void Listen(int port)
            {
                using var socket = new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Any, port));
                socket.Listen();
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            void Listen(int port)
            {
                using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                socket.Listen();
            }
        }
        """);

    [Fact]
    public Task The_fix_follows_a_local_endpoint_and_a_UdpClient_socket() => Analyzer().WithSource("""
        class Server
        {
            UdpClient _udp;

            void Listen(int port)
            {
                _udp = new UdpClient([|AddressFamily.InterNetwork|]);
                var endpoint = new IPEndPoint(IPAddress.Any, port);
                _udp.Client.Bind(endpoint);
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            UdpClient _udp;

            void Listen(int port)
            {
                _udp = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                var endpoint = new IPEndPoint(IPAddress.IPv6Any, port);
                _udp.Client.Bind(endpoint);
            }
        }
        """);

    [Fact]
    public Task With_the_runtime_the_fix_calls_DualStack_CreateSocket_and_binds_AnyAddress() => Analyzer().WithRuntimeReference().WithSource("""
        class Server
        {
            void Listen(int port)
            {
                using var socket = new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Any, port));
            }
        }
        """).ShouldFixToAsync("""
        using DualStackGen;

        class Server
        {
            void Listen(int port)
            {
                using var socket = DualStack.CreateSocket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(DualStack.AnyAddress, port));
            }
        }
        """);

    [Fact]
    public Task With_the_runtime_the_plain_fix_is_still_offered_second() => Analyzer().WithRuntimeReference().WithCodeFixIndex(1).WithSource("""
        class Server
        {
            Socket Create() => new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
        }
        """).ShouldFixToAsync("""
        class Server
        {
            Socket Create() => new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        }
        """);

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task Fix_all_fixes_every_socket_in_scope(FixAllScope scope)
    {
        const string First = """
            class A
            {
                Socket Tcp() => new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
                Socket Udp() => new Socket([|AddressFamily.InterNetwork|], SocketType.Dgram, ProtocolType.Udp);
            }
            """;
        const string Second = """
            class B
            {
                Socket Raw() => new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
            }
            """;
        const string FirstFixed = """
            class A
            {
                Socket Tcp() => new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
                Socket Udp() => new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
            }
            """;
        const string SecondFixed = """
            class B
            {
                Socket Raw() => new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            }
            """;
        AnalyzerVerifier verifier = Analyzer().WithSource(First);
        return scope switch
        {
            FixAllScope.Document => verifier.WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, Second.Replace("[|", "").Replace("|]", "")),
            FixAllScope.Project => verifier.WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
            _ => verifier.WithSourceInProject(Second, 1).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
        };
    }

    // A socket kept in a field is addressed where its type binds or connects that field: bound to an endpoint that
    // every caller makes of one unicast IPv4 address, it is made for that address, as a local socket is.
    [Fact]
    public Task A_socket_field_bound_to_an_endpoint_its_callers_make_of_a_fixed_IPv4_address_is_silent() => Analyzer().WithSource("""
        static class Program
        {
            static void Main()
            {
                var endPoint = new IPEndPoint(IPAddress.Parse("192.168.0.140"), 64693);
                GameServer.Host(endPoint);
                RelayServer.Host(new IPEndPoint(IPAddress.Any, 64694));
            }
        }

        static class GameServer
        {
            static Socket? server;

            public static void Host(IPEndPoint local)
            {
                server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                server.Bind(local);
            }
        }

        static class RelayServer
        {
            static Socket? relay;

            public static void Host(IPEndPoint local)
            {
                relay = new Socket([|AddressFamily.InterNetwork|], SocketType.Dgram, ProtocolType.Udp);
                relay.Bind(local);
            }
        }
        """).ShouldReportAsync();

    // The fixed IPv4 text may be carried: a field initialized with it, a constructor parameter every caller in the
    // compilation gives a literal. Text from configuration, or a caller passing a host name, keeps the finding.
    [Fact]
    public Task A_socket_for_fixed_IPv4_text_kept_in_a_field_or_passed_by_every_caller_is_silent() => Analyzer().WithSource("""
        static class Esp8266Bridge
        {
            static string address = "192.168.0.111";

            public static void Send(byte[] data, int port)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(IPAddress.Parse(address), port);
                socket.Send(data);
            }
        }

        public sealed class LanServer
        {
            private readonly string _ip;

            public LanServer(string ip) => _ip = ip;

            public void Start(int port)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(_ip), port));
                socket.Listen(10);
            }

            public static LanServer OnLan() => new LanServer("192.168.108.56");
        }

        // A Unity-style public field, set by the constructor right before it binds: nothing outside runs in between.
        public class UnitySocketServer
        {
            public string IP;
            private readonly Socket _socket;

            public UnitySocketServer(string ip, int port)
            {
                IP = ip;
                _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _socket.Bind(new IPEndPoint(IPAddress.Parse(IP), port));
                _socket.Listen(10);
            }

            public static UnitySocketServer OnLan() => new UnitySocketServer("192.168.108.56", 6854);
        }

        public sealed class ConfiguredServer
        {
            public string Ip { get; set; } = "192.168.1.20";

            public void Start(int port)
            {
                var socket = new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(Ip), port));
                socket.Listen(10);
            }
        }

        sealed class NamedPeer
        {
            private readonly string _host;

            public NamedPeer(string host) => _host = host;

            public void Open(int port)
            {
                var socket = new Socket([|AddressFamily.InterNetwork|], SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(IPAddress.Parse(_host), port);
            }

            public static NamedPeer Either(bool lan) => new NamedPeer(lan ? "192.168.0.5" : Environment.GetEnvironmentVariable("PEER")!);
        }
        """).ShouldReportAsync();
}
