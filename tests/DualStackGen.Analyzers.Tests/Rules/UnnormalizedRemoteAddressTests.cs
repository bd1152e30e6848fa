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

    // new UdpClient(), with a port or with InterNetwork, is an AF_INET socket: its own address has no mapped form. A client
    // handed in from outside may be any socket.
    [Fact]
    public Task The_own_address_of_an_IPv4_UdpClient_is_silent() => Analyzer().WithSource("""
        class SocksRelay
        {
            byte[] Reply(UdpClient handedIn)
            {
                var relay = new UdpClient();
                relay.Client.Bind(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 0));
                var local = (IPEndPoint)relay.Client.LocalEndPoint!;
                var byPort = (IPEndPoint)new UdpClient(0).Client.LocalEndPoint!;
                var byFamily = (IPEndPoint)new UdpClient(0, AddressFamily.InterNetwork).Client.LocalEndPoint!;
                var other = (IPEndPoint)handedIn.Client.LocalEndPoint!;
                return [local.Address.GetAddressBytes()[0], byPort.Address.GetAddressBytes()[0], byFamily.Address.GetAddressBytes()[0],
                    [|other.Address|].GetAddressBytes()[0]];
            }
        }
        """).ShouldReportAsync();

    // No peer's address is IPAddress.None (or Broadcast, the same address): a check against that placeholder is the same in
    // either form.
    [Fact]
    public Task A_comparison_with_a_placeholder_address_is_silent() => Analyzer().WithSource("""
        class Hostmasks
        {
            static IPAddress Remote(TcpClient client) => client.Client.RemoteEndPoint is IPEndPoint endPoint ? endPoint.Address : IPAddress.None;

            bool Known(TcpListener listener)
            {
                IPAddress ip = Remote(listener.AcceptTcpClient());
                if (ip.Equals(IPAddress.None) || ip == IPAddress.Broadcast || IPAddress.None.Equals(ip))
                {
                    return false;
                }

                return [|ip|].Equals(IPAddress.Parse("10.0.0.1"));
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

    [Fact]
    public Task A_socket_address_compared_with_a_configured_or_constructed_address_is_reported() => Analyzer().WithSource("""
        class Gate
        {
            static readonly IPAddress Manager = IPAddress.Parse("203.0.113.9");

            bool Check(Socket accepted, IPAddress configured, string[] octets)
            {
                var peer = (IPEndPoint)accepted.RemoteEndPoint!;
                var target = new IPAddress(new[] { byte.Parse(octets[0]), byte.Parse(octets[1]), byte.Parse(octets[2]), byte.Parse(octets[3]) });
                return Manager.Equals([|peer.Address|]) || [|peer.Address|].Equals(configured) || target.Equals([|peer.Address|]);
            }

            bool SamePeer(Socket control, Socket data) => ((IPEndPoint)control.RemoteEndPoint!).Address.Equals(((IPEndPoint)data.RemoteEndPoint!).Address);

            static readonly IPAddress Gateway6 = IPAddress.Parse("2001:db8::9");

            bool IPv6Only(Socket accepted) => ((IPEndPoint)accepted.RemoteEndPoint!).Address.Equals(IPAddress.Parse("2001:db8::1")) || Gateway6.Equals(((IPEndPoint)accepted.RemoteEndPoint!).Address);

            bool Known(Socket accepted) => ((IPEndPoint)accepted.RemoteEndPoint!).Address.Equals(null);
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_socket_address_compared_or_looked_up_as_text_is_reported() => Analyzer().WithSource("""
        sealed class Session
        {
            public Session(Socket socket) => RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint;

            public IPEndPoint? RemoteEndPoint { get; }

            public IPAddress? RemoteIPAddress => RemoteEndPoint?.Address;

            public string RemoteIP => RemoteEndPoint!.Address.ToString();
        }

        class Gate
        {
            readonly HashSet<string> _allowed = new() { "198.51.100.7" };
            readonly Dictionary<string, int> _seen = new();

            bool Check(Socket socket, string admin)
            {
                var session = new Session(socket);
                string text = ((IPEndPoint)socket.RemoteEndPoint!).Address.ToString();
                _seen[session.RemoteIP] = 1;
                bool ipv6Loopback = text == "::1";
                return [|session.RemoteIPAddress?.ToString()|] == admin || [|text|] == "127.0.0.1"
                    || _allowed.Contains([|session.RemoteIP|]) || string.Equals([|text|], admin, StringComparison.Ordinal);
            }
        }
        """).ShouldReportAsync();

    // A host setting mapped from words ("*", "localhost") is not a peer's text, even where one call site hands it a
    // socket's address: the words say what the text is. Text compared with an IPv4 literal and an empty string alone
    // is still followed.
    [Fact]
    public Task Text_the_same_condition_compares_with_a_host_word_is_a_host_setting_not_a_peer() => Analyzer().WithSource("""
        class Listener
        {
            readonly IPAddress _address;

            public Listener(string host)
            {
                if (host == "*" || host == "0.0.0.0")
                {
                    _address = IPAddress.IPv6Any;
                }
                else if (host == "localhost" || host == "127.0.0.1")
                {
                    _address = IPAddress.IPv6Loopback;
                }
                else
                {
                    _address = IPAddress.Parse(host);
                }
            }

            public static Listener Beside(Socket accepted) => new(((IPEndPoint)accepted.RemoteEndPoint!).Address.ToString());

            public static bool Local(Socket accepted)
            {
                string peer = ((IPEndPoint)accepted.RemoteEndPoint!).Address.ToString();
                return peer == "" || [|peer|] == "127.0.0.1";
            }
        }
        """).ShouldReportAsync();

    // A client handed to a lambda by the helper that accepts it (listener.StartListen(client => ...), onNew(client)) is
    // followed to that helper's listener: one made on a chosen address sees one family, a dual-mode one maps.
    [Fact]
    public Task A_client_handed_to_a_lambda_is_followed_to_the_listener_that_accepted_it() => Analyzer().WithSource("""
        using System;

        public delegate void OnNewConnection(TcpClient client);

        public static class ListenerHelper
        {
            public static void StartListen(this TcpListener listener, OnNewConnection onNew)
            {
                listener.Start();
                listener.BeginAcceptTcpClient(result => onNew(listener.EndAcceptTcpClient(result)), null);
            }

            public static void StartEach(this TcpListener listener, Action<TcpClient> onNew)
            {
                listener.Start();
                listener.BeginAcceptTcpClient(result => onNew?.Invoke(listener.EndAcceptTcpClient(result)), null);
            }
        }

        public sealed class MailService
        {
            public void ListenOn(IPAddress address, int port)
            {
                var listener = new TcpListener(address, port);
                listener.StartListen(client => Serve(client));
            }

            private static void Serve(TcpClient client)
            {
                string peer = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
                bool local = peer == "127.0.0.1" || peer == "::1";
            }
        }

        public sealed class DualModeService
        {
            public void Listen(int port)
            {
                var listener = TcpListener.Create(port);
                listener.StartEach(client =>
                {
                    string peer = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
                    bool local = [|peer|] == "127.0.0.1";
                });
            }
        }
        """).ShouldReportAsync();

    // A local function or method given as a method group (listener.StartListen(OnNewConnection)) is called where the
    // helper calls its delegate parameter, as a lambda is; the client there may be assigned in a nested local function
    // after a null start (TcpClient? client = null; ... client = listener.EndAcceptTcpClient(result)).
    [Fact]
    public Task A_client_handed_to_a_method_group_is_followed_to_the_listener_that_accepted_it() => Analyzer().WithSource("""
        using System;

        public delegate void OnNewConnection(TcpClient client);

        public static class ListenerHelper
        {
            public static void StartListen(this TcpListener listener, OnNewConnection onNew)
            {
                listener.Start();
                listener.BeginAcceptTcpClient(OnAccepted, null);

                void OnAccepted(IAsyncResult result)
                {
                    TcpClient? client = null;
                    Complete();
                    void Complete()
                    {
                        client = listener.EndAcceptTcpClient(result);
                    }

                    if (client != null)
                    {
                        onNew(client);
                    }
                }
            }

            public static void StartEach(this TcpListener listener, Action<TcpClient> onNew)
            {
                listener.Start();
                listener.BeginAcceptTcpClient(result => onNew?.Invoke(listener.EndAcceptTcpClient(result)), null);
            }
        }

        public sealed class Session
        {
            private readonly TcpClient _client;

            public Session(TcpClient client) => _client = client;

            public bool IsLocal
            {
                get
                {
                    string peer = ((IPEndPoint)_client.Client.RemoteEndPoint!).Address.ToString();
                    return peer == "127.0.0.1" || peer == "::1";
                }
            }
        }

        public sealed class MailService
        {
            public void ListenOn(IPAddress address, int port)
            {
                var listener = new TcpListener(address, port);
                listener.StartListen(OnNewConnection);

                void OnNewConnection(TcpClient client) => new Session(client).ToString();
            }
        }

        public sealed class LoopService
        {
            public void Run(IPAddress address, int port)
            {
                var listener = new TcpListener(address, port);
                listener.Start();
                Handle(listener.AcceptTcpClient());

                void Handle(TcpClient client)
                {
                    string peer = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
                    bool local = peer == "127.0.0.1";
                }
            }
        }

        public sealed class DualModeService
        {
            public void Listen(int port)
            {
                var listener = TcpListener.Create(port);
                listener.StartEach(Serve);
            }

            private static void Serve(TcpClient client)
            {
                string peer = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
                bool local = [|peer|] == "127.0.0.1";
            }
        }
        """).ShouldReportAsync();

    // One peer's address text compared with another peer's: both come from sockets, in whatever form those give them,
    // even when one side's listener is known and the other's is not.
    [Fact]
    public Task Two_peers_addresses_compared_with_each_other_are_silent() => Analyzer().WithSource("""
        using System;
        using System.Collections.Generic;

        public sealed class ConsoleServer
        {
            private readonly TcpListener _listener;
            private readonly List<TcpClient> _clients = new();

            public ConsoleServer(IPAddress bindAddress, int port) => _listener = new TcpListener(bindAddress, port);

            public void Start()
            {
                _listener.Start();
                _listener.BeginAcceptTcpClient(OnAccept, null);
            }

            private void OnAccept(IAsyncResult result)
            {
                TcpClient client;
                try
                {
                    client = _listener.EndAcceptTcpClient(result);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                var ip = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
                int count = 0;
                foreach (var other in _clients)
                {
                    if (((IPEndPoint)other.Client.RemoteEndPoint!).Address.ToString() == ip.ToString())
                    {
                        count++;
                    }

                    if (((IPEndPoint)other.Client.RemoteEndPoint!).Address.Equals(ip))
                    {
                        count++;
                    }
                }

                _clients.Add(client);
            }
        }
        """).ShouldReportAsync();

    // An FTP passive listener made on the control connection's local address reports that address, mapped as it was.
    [Fact]
    public Task The_local_endpoint_of_a_listener_made_on_a_reported_address_is_that_address() => Analyzer().WithSource("""
        sealed class FtpSession
        {
            private readonly TcpClient _control;
            private TcpListener? _passive;

            public FtpSession(TcpClient control) => _control = control;

            public string Pasv()
            {
                IPAddress localIp = ((IPEndPoint)_control.Client.LocalEndPoint!).Address;
                _passive = new TcpListener(localIp, 0);
                _passive.Start();
                var endPoint = (IPEndPoint)_passive.LocalEndpoint;
                byte[] octets = [|endPoint.Address|].GetAddressBytes();
                return $"227 ({octets[0]},{octets[1]},{octets[2]},{octets[3]},{endPoint.Port >> 8},{endPoint.Port & 255})";
            }

            public string FixedPasv()
            {
                var fixedListener = new TcpListener(IPAddress.Parse("192.0.2.10"), 0);
                fixedListener.Start();
                byte[] octets = ((IPEndPoint)fixedListener.LocalEndpoint).Address.GetAddressBytes();
                return $"227 ({octets[0]},{octets[1]},{octets[2]},{octets[3]})";
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_socket_address_read_as_four_IPv4_bytes_or_dotted_text_is_reported() => Analyzer().WithSource("""
        class Ftp
        {
            string Pasv(TcpClient control, int port)
            {
                byte[] octets = [|((IPEndPoint)control.Client.LocalEndPoint!).Address|].GetAddressBytes();
                return $"227 ({octets[0]},{octets[1]},{octets[2]},{octets[3]},{port >> 8},{port & 255})";
            }

            string PasvText(TcpClient control) => [|((IPEndPoint)control.Client.LocalEndPoint!).Address.ToString()|].Replace('.', ',');

            bool IsLan(UdpReceiveResult datagram)
            {
                byte[] bytes = [|datagram.RemoteEndPoint.Address|].GetAddressBytes();
                return bytes.Length == 4 && bytes[0] == 10;
            }

            byte[] Raw(UdpReceiveResult datagram) => datagram.RemoteEndPoint.Address.GetAddressBytes();

            bool Guarded(UdpReceiveResult datagram) =>
                datagram.RemoteEndPoint.Address.IsIPv4MappedToIPv6 && datagram.RemoteEndPoint.Address.GetAddressBytes()[12] == 10;
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_sender_of_ReceiveFromAsync_and_an_accepted_socket_of_an_IPv4_listener() => Analyzer().WithSource("""
        class Server
        {
            readonly HashSet<IPAddress> _banned = new() { IPAddress.Parse("192.0.2.1") };
            readonly Socket _udp = new(SocketType.Dgram, ProtocolType.Udp);
            readonly Socket _v4 = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

            async Task<bool> Receive(byte[] buffer)
            {
                SocketReceiveFromResult result = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.IPv6Any, 0));
                return _banned.Contains([|((IPEndPoint)result.RemoteEndPoint).Address|]);
            }

            async Task<bool> AcceptIPv4()
            {
                Socket accepted = await _v4.AcceptAsync();
                return ((IPEndPoint)accepted.RemoteEndPoint!).Address.Equals(IPAddress.Loopback) || ((IPEndPoint)_v4.Accept().RemoteEndPoint!).Address.Equals(IPAddress.Loopback);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_use_after_a_family_test_or_an_early_return_on_the_family_is_silent() => Analyzer().WithSource("""
        class Gate
        {
            bool IsLocal(Socket accepted)
            {
                IPAddress peer = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
                if (!peer.IsIPv4MappedToIPv6 && peer.AddressFamily == AddressFamily.InterNetworkV6)
                    return IPAddress.IPv6Loopback.Equals(peer);
                if (peer.IsIPv4MappedToIPv6)
                    throw new NotSupportedException("unwrap first");

                return IPAddress.Loopback.Equals(peer);
            }

            bool IsIPv4(Socket accepted)
            {
                var remote = (IPEndPoint)accepted.RemoteEndPoint!;
                return remote.AddressFamily == AddressFamily.InterNetwork || remote.Address.IsIPv4MappedToIPv6;
            }

            bool IsLan(Socket accepted)
            {
                IPAddress address = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
                return [|address|].AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 10;
            }

            bool NotGuarded(Socket accepted)
            {
                var remote = (IPEndPoint)accepted.RemoteEndPoint!;
                if (remote.Address.IsIPv4MappedToIPv6)
                {
                    Console.WriteLine("mapped");
                }

                return [|remote.Address|].Equals(IPAddress.Loopback);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_text_and_the_bytes_of_an_address_are_fixed_before_ToString_and_GetAddressBytes() => Analyzer().WithSource("""
        class Gate
        {
            bool IsLocal(Socket accepted) => [|((IPEndPoint)accepted.RemoteEndPoint!).Address.ToString()|] == "127.0.0.1";

            bool IsLan(IPAddress peer, Socket accepted)
            {
                IPAddress address = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
                byte[] bytes = [|address|].GetAddressBytes();
                return bytes[0] == 10;
            }
        }
        """).ShouldFixToAsync("""
        class Gate
        {
            bool IsLocal(Socket accepted) => (((IPEndPoint)accepted.RemoteEndPoint!).Address switch { { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4(), var address => address }).ToString() == "127.0.0.1";

            bool IsLan(IPAddress peer, Socket accepted)
            {
                IPAddress address = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
                byte[] bytes = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).GetAddressBytes();
                return bytes[0] == 10;
            }
        }
        """);

    [Fact]
    public Task A_socket_address_in_an_IPNetwork_or_its_text_checked_for_a_dotted_prefix_is_reported() => Analyzer().WithSource("""
        class Proxies
        {
            static readonly IPNetwork Internal = IPNetwork.Parse("10.0.0.0/8");
            static readonly IPNetwork Unique = IPNetwork.Parse("fd00::/8");

            bool Trusted(Socket accepted)
            {
                IPAddress peer = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
                string text = peer.ToString();
                return Internal.Contains([|peer|]) || Unique.Contains(peer) || [|text|].StartsWith("192.168.") || text.StartsWith("fe80:");
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_sender_of_a_SocketAsyncEventArgs_receive_and_an_ASP_NET_Core_peer_are_sources() => Analyzer().WithSource("""
        namespace Microsoft.AspNetCore.Http
        {
            public abstract class ConnectionInfo
            {
                public abstract System.Net.IPAddress? RemoteIpAddress { get; }
            }
        }

        class Handlers
        {
            readonly HashSet<IPAddress> _banned = new() { IPAddress.Parse("192.0.2.1") };

            void OnReceived(object? sender, SocketAsyncEventArgs e)
            {
                if (_banned.Contains([|((IPEndPoint)e.RemoteEndPoint!).Address|]))
                {
                    return;
                }
            }

            bool IsLocal(Microsoft.AspNetCore.Http.ConnectionInfo connection) => IPAddress.Loopback.Equals([|connection.RemoteIpAddress|]);
        }
        """).ShouldReportAsync();

    // The peers of an IPv4 TcpListener's sockets are never mapped; text made from a normalized address is plain IPv4.
    [Fact]
    // The peers of a listener on IPAddress.Any count as mapped: DSG0002's fix makes that listener dual-mode, and the
    // comparison would then break unreported. A listener on the IPv4 loopback stays IPv4 under every fix.
    public Task Peers_of_an_IPv4_wildcard_listener_are_reported_those_of_a_loopback_one_and_normalized_text_are_silent() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource("""
        using System.Collections.Generic;

        sealed class LocalOnlyServer
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Any, 8080);
            private readonly TcpListener _admin = new TcpListener(IPAddress.Loopback, 8081);
            private readonly HashSet<string> _banned = new() { "203.0.113.5" };

            void AcceptedAdmin(System.IAsyncResult result)
            {
                Socket socket = _admin.EndAcceptSocket(result);
                if (!((IPEndPoint)socket.RemoteEndPoint!).Address.Equals(IPAddress.Loopback))
                {
                    socket.Close();
                }
            }

            void Accepted(System.IAsyncResult result)
            {
                Socket socket = _listener.EndAcceptSocket(result);
                if (![|((IPEndPoint)socket.RemoteEndPoint!).Address|].Equals(IPAddress.Loopback))
                {
                    socket.Close();
                }
            }

            bool IsBanned(Socket dualMode)
            {
                IPAddress address = ((IPEndPoint)dualMode.RemoteEndPoint!).Address;
                string ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
                return _banned.Contains(ip);
            }
        }
        """).ShouldReportAsync();

    // new TcpListener(...) and new UdpClient(...) on a chosen address leave DualMode off whatever their endpoint: their
    // peers are never mapped unless the type turns DualMode (or IPV6_V6ONLY) on, as the last two do.
    [Fact]
    public Task Peers_of_listeners_and_clients_made_with_new_in_a_type_that_never_sets_DualMode_are_silent() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource("""
        sealed class Relay
        {
            private readonly UdpClient _udp = new UdpClient(new IPEndPoint(IPAddress.Parse("192.0.2.9"), 19132));
            private readonly IPAddress _upstream = IPAddress.Parse("192.0.2.10");

            async Task<bool> FromUpstreamAsync()
            {
                UdpReceiveResult datagram = await _udp.ReceiveAsync();
                return datagram.RemoteEndPoint.Address.Equals(_upstream);
            }

            bool Accept(IPEndPoint local, IPAddress allowed)
            {
                var listener = new TcpListener(local);
                listener.Start();
                Socket peer = listener.AcceptSocket();
                return ((IPEndPoint)peer.RemoteEndPoint!).Address.Equals(allowed);
            }
        }

        sealed class DualModeRelay
        {
            private readonly UdpClient _udp = new UdpClient(AddressFamily.InterNetworkV6);
            private readonly IPAddress _upstream = IPAddress.Parse("192.0.2.10");

            DualModeRelay() => _udp.Client.DualMode = true;

            async Task<bool> FromUpstreamAsync()
            {
                UdpReceiveResult datagram = await _udp.ReceiveAsync();
                return [|datagram.RemoteEndPoint.Address|].Equals(_upstream);
            }
        }

        sealed class OptionRelay
        {
            bool Accept(IPAddress allowed)
            {
                var listener = new TcpListener(IPAddress.IPv6Any, 8080);
                listener.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, false);
                listener.Start();
                Socket peer = listener.AcceptSocket();
                return [|((IPEndPoint)peer.RemoteEndPoint!).Address|].Equals(allowed);
            }
        }
        """).ShouldReportAsync();

    // One listener per wildcard of a constant list, each kept IPv6-only with IPv6Only set on: no peer is ever mapped, and
    // no rule's fix makes the IPv6 listener dual-mode. Setting IPv6Only off (or to a value read from elsewhere) may.
    [Fact]
    public Task Peers_of_wildcard_listeners_the_type_keeps_IPv6_only_are_never_mapped() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource("""
        sealed class PerFamilyGameServer
        {
            private readonly HashSet<string> _bans = new() { "203.0.113.5" };

            public PerFamilyGameServer(int port)
            {
                foreach (IPEndPoint endpoint in new[] { new IPEndPoint(IPAddress.IPv6Any, port), new IPEndPoint(IPAddress.Any, port) })
                {
                    var listener = new TcpListener(endpoint);
                    listener.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, 1);
                    listener.Start();
                    _ = AcceptAsync(listener);
                }
            }

            private async Task AcceptAsync(TcpListener listener)
            {
                Socket peer = await listener.AcceptSocketAsync();
                string address = ((IPEndPoint)peer.RemoteEndPoint!).Address.ToString();
                if (_bans.Contains(address))
                {
                    peer.Dispose();
                }
            }
        }

        sealed class ConfiguredGameServer
        {
            private readonly TcpListener _listener;
            private readonly HashSet<string> _bans = new() { "203.0.113.5" };

            public ConfiguredGameServer(int port, bool ipv6Only)
            {
                _listener = new TcpListener(IPAddress.IPv6Any, port);
                _listener.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, ipv6Only);
                _listener.Start();
            }

            public bool AcceptBanned()
            {
                Socket peer = _listener.AcceptSocket();
                string address = ((IPEndPoint)peer.RemoteEndPoint!).Address.ToString();
                return _bans.Contains([|address|]);
            }
        }
        """).ShouldReportAsync();

    // The sender kept in a packet object by a base listener whose protected client others could set, and which Dispose
    // sets to null: the clients the compilation creates decide, and they are made with new in a type that never sets
    // DualMode.
    [Fact]
    public Task The_sender_of_a_single_family_client_kept_in_a_packet_object_is_silent() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource("""
        sealed class Datagram
        {
            public IPEndPoint? From;
        }

        class DatagramListener : System.IDisposable
        {
            protected UdpClient Socket;

            public DatagramListener(IPEndPoint local) => Socket = new UdpClient(local);

            public async Task<Datagram> NextAsync()
            {
                UdpReceiveResult received = await Socket.ReceiveAsync();
                return new Datagram { From = received.RemoteEndPoint };
            }

            public void Dispose()
            {
                Socket.Dispose();
                Socket = null!;
            }
        }

        sealed class Forwarder
        {
            private readonly DatagramListener _listener = new(new IPEndPoint(IPAddress.Parse("192.0.2.9"), 19132));
            private readonly IPAddress _console = IPAddress.Parse("192.0.2.40");

            async Task<bool> FromConsoleAsync()
            {
                Datagram datagram = await _listener.NextAsync();
                return datagram.From!.Address.Equals(_console);
            }
        }
        """).ShouldReportAsync();

    // client.Client of a TcpClient that a TcpListener made with new accepted: that listener's family, never mapped; a
    // client that connected out has the family of its own peer, and its socket is followed no further.
    [Fact]
    public Task The_peer_of_a_client_accepted_by_a_single_family_listener_is_silent() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource("""
        using System.Collections.Generic;

        sealed class GatedServer
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Parse("192.0.2.9"), 9000);
            private readonly List<string> _permitted = new() { "192.0.2.7" };

            async Task<bool> AcceptAsync()
            {
                TcpClient client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                string ip = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
                return _permitted.Contains(ip);
            }
        }

        sealed class DualModeGatedServer
        {
            private readonly TcpListener _listener = TcpListener.Create(9000);
            private readonly List<string> _permitted = new() { "192.0.2.7" };

            async Task<bool> AcceptAsync()
            {
                TcpClient client = await _listener.AcceptTcpClientAsync();
                string ip = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
                return _permitted.Contains([|ip|]);
            }
        }
        """).ShouldReportAsync();

    // DualMode turned on in another part of a partial type still makes the client's senders mapped.
    [Fact]
    public Task A_partial_type_that_turns_DualMode_on_in_another_part_has_mapped_peers() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource("""
        partial class Relay
        {
            private readonly UdpClient _udp = new UdpClient(new IPEndPoint(IPAddress.Parse("2001:db8::9"), 19132));
            private readonly IPAddress _upstream = IPAddress.Parse("192.0.2.10");

            async Task<bool> FromUpstreamAsync()
            {
                UdpReceiveResult datagram = await _udp.ReceiveAsync();
                return [|datagram.RemoteEndPoint.Address|].Equals(_upstream);
            }
        }

        partial class Relay
        {
            Relay() => _udp.Client.DualMode = true;
        }
        """).ShouldReportAsync();

    // A receive loop handed its socket as a thread's state object (no call site to follow): in a type that opens one
    // socket per family and never turns DualMode on, its senders are never mapped; with DualMode on the IPv6 one, they are.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task The_sender_in_a_thread_loop_is_reported_only_when_the_type_turns_DualMode_on(bool dualMode) => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource(GameSocket
        .Replace("DUALMODE", dualMode ? "_v6.DualMode = true;" : "// one socket per family", System.StringComparison.Ordinal)
        .Replace("SENDER", dualMode ? "[|((IPEndPoint)from).Address|]" : "((IPEndPoint)from).Address", System.StringComparison.Ordinal)).ShouldReportAsync();

    private const string GameSocket = """
        sealed class GameSocket
        {
            private readonly IPAddress _trusted = IPAddress.Parse("192.0.2.50");
            private Socket? _v4;
            private Socket? _v6;

            public void Start(int port)
            {
                _v4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                _v4.Bind(new IPEndPoint(IPAddress.Any, port));
                new System.Threading.Thread(ReceiveLoop).Start(_v4);
                _v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                DUALMODE
                _v6.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                new System.Threading.Thread(ReceiveLoop).Start(_v6);
            }

            private void ReceiveLoop(object? state)
            {
                var socket = (Socket)state!;
                EndPoint from = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
                byte[] buffer = new byte[1500];
                socket.ReceiveFrom(buffer, ref from);
                if (SENDER.Equals(_trusted))
                {
                    System.Console.WriteLine("trusted peer");
                }
            }
        }
        """;

    // A listener opened with the family of the address the configuration chose (one family per run, no DualMode in the
    // type) only accepts peers of that family; with DualMode on, its IPv4 peers are mapped. Either way a dictionary's
    // value is stored, not compared: only the key is a finding.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task The_peer_of_a_socket_opened_with_the_chosen_address_family_is_mapped_only_when_the_type_turns_DualMode_on(bool dualMode) => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource(ChatServer
        .Replace("DUALMODE", dualMode ? "_listener.DualMode = true;" : "// the family the configuration chose", System.StringComparison.Ordinal)
        .Replace("KEY", dualMode ? "[|address|]" : "address", System.StringComparison.Ordinal)).ShouldReportAsync();

    private const string ChatServer = """
        using System.Collections.Generic;

        sealed class ChatServer
        {
            private readonly BanList _bans = new();
            private Socket? _listener;

            public void Start(int port, bool useIPv6)
            {
                IPAddress address = useIPv6 ? IPAddress.IPv6Any : IPAddress.Any;
                _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                DUALMODE
                _listener.Bind(new IPEndPoint(address, port));
                _listener.Listen(100);
                _listener.BeginAccept(OnAccept, null);
            }

            private void OnAccept(System.IAsyncResult result)
            {
                Socket peer = _listener!.EndAccept(result);
                var remote = (IPEndPoint)peer.RemoteEndPoint!;
                _bans.Remember(peer.Handle.ToString(), remote.Address);
                if (_bans.IsBanned(remote.Address))
                {
                    peer.Close();
                }
            }
        }

        sealed class BanList
        {
            private readonly Dictionary<string, IPAddress> _byConnection = new();
            private readonly Dictionary<IPAddress, string> _byAddress = new();

            public void Remember(string connection, IPAddress address) => _byConnection.Add(connection, address);

            public bool IsBanned(IPAddress address) => _byAddress.ContainsKey(KEY);
        }
        """;

    // The endpoint named by an 'is not' pattern's early return is the socket's: its address is followed like any other.
    [Fact]
    public Task The_endpoint_an_is_not_pattern_names_is_the_socket_s_own() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource("""
        using System.Collections.Generic;
        using System.Linq;

        sealed class FilteredServer
        {
            private readonly TcpListener _listener = TcpListener.Create(2121);
            private readonly List<IPAddress> _blocked = new() { IPAddress.Parse("192.0.2.1") };

            async Task<bool> AdmitAsync()
            {
                TcpClient client = await _listener.AcceptTcpClientAsync();
                if (client.Client.RemoteEndPoint is not IPEndPoint remote)
                {
                    return false;
                }

                return !_blocked.Any(blocked => blocked.Equals([|remote.Address|]));
            }
        }
        """).ShouldReportAsync();

    // An extension's key (GetValueOrDefault on a dictionary) is a key like the dictionary's own; a socket opened with the
    // family of an IPAddress.Any that DSG0002 reports is made dual-mode by its fix, so its peers count as mapped.
    [Fact]
    public Task An_extension_s_key_and_the_peer_of_a_socket_on_a_reported_wildcard_s_family_are_findings() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource("""
        using System.Collections.Generic;

        sealed class StrikeCounter
        {
            private readonly TcpListener _listener = TcpListener.Create(2121);
            private readonly Dictionary<IPAddress, int> _strikes = new();

            bool Admit()
            {
                var remote = (IPEndPoint)_listener.AcceptTcpClient().Client.RemoteEndPoint!;
                return _strikes.GetValueOrDefault([|remote.Address|]) < 3;
            }
        }

        sealed class WildcardSocketServer
        {
            private readonly IPAddress _address = IPAddress.Any;
            private readonly IPAddress _allowed = IPAddress.Parse("192.0.2.7");
            private Socket? _listener;

            public void Start(int port)
            {
                _listener = new Socket(_address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _listener.Bind(new IPEndPoint(_address, port));
                _listener.Listen(16);
            }

            public bool Admit()
            {
                Socket peer = _listener!.Accept();
                var remote = (IPEndPoint)peer.RemoteEndPoint!;
                return [|remote.Address|].Equals(_allowed);
            }
        }
        """).ShouldReportAsync();

    // A port-only UdpClient is DSG0002's wildcard listener, made dual-mode by its fix, so its senders count as mapped;
    // the same client as one arm of the server's own choice of family is not reported there, and stays one family.
    [Fact]
    public Task A_wildcard_listener_chosen_by_the_server_s_own_family_flag_keeps_single_family_peers() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>().WithSource("""
        sealed class FlaggedReceiver
        {
            private readonly bool _ipv6;
            private UdpClient? _client;
            private IPEndPoint _remote = new IPEndPoint(IPAddress.Any, 0);

            public FlaggedReceiver(bool ipv6) => _ipv6 = ipv6;

            public void Start(int port) => _client = _ipv6 ? new UdpClient(port, AddressFamily.InterNetworkV6) : new UdpClient(port);

            public string LoggerName()
            {
                _client!.Receive(ref _remote);
                return _remote.Address.ToString().Replace(".", "-");
            }
        }

        sealed class PortOnlyReceiver
        {
            private UdpClient? _client;
            private IPEndPoint _remote = new IPEndPoint(IPAddress.Any, 0);

            public void Start(int port) => _client = new UdpClient(port);

            public string LoggerName()
            {
                _client!.Receive(ref _remote);
                return [|_remote.Address.ToString()|].Replace(".", "-");
            }
        }
        """).ShouldReportAsync();

    // From C# 14 on, allowed.Contains(text) of a string[] binds to MemoryExtensions.Contains over the array as a span;
    // written here as the span call it becomes (the test compiler is older), an allow-list lookup as Enumerable's is.
    [Fact]
    public Task A_peer_s_text_looked_up_in_an_array_through_a_span_is_reported() => Analyzer().WithSource("""
        sealed class Whitelist
        {
            private readonly string[] _allowed;

            public Whitelist(string[] allowed) => _allowed = allowed;

            public bool Admit(Socket accepted)
            {
                string peer = ((IPEndPoint)accepted.RemoteEndPoint!).Address.ToString();
                return _allowed.AsSpan().Contains([|peer|]) || ((ReadOnlySpan<string>)_allowed).Contains([|peer|]);
            }
        }
        """).ShouldReportAsync();

    // A package filled by an object initializer in the listener's type holds the sender the listener received: the
    // initializer writes the new package's member, whatever type it is written in.
    [Fact]
    public Task A_sender_carried_in_a_package_an_object_initializer_fills_is_followed() => Analyzer().WithSource("""
        public struct Package
        {
            public IPEndPoint Sender;
            public byte[] Message;
        }

        class Listener
        {
            private readonly UdpClient _client = new UdpClient(new IPEndPoint(IPAddress.Any, 19132));

            public async Task<Package> Receive()
            {
                UdpReceiveResult result = await _client.ReceiveAsync();
                return new Package { Message = result.Buffer, Sender = result.RemoteEndPoint };
            }
        }

        class Proxy
        {
            private readonly IPAddress _console;
            private readonly Listener _listener = new Listener();

            public Proxy(IPAddress console) => _console = console;

            public async Task<bool> FromConsole()
            {
                Package received = await _listener.Receive();
                return [|received.Sender.Address|].Equals(_console);
            }
        }
        """).ShouldReportAsync();
}
