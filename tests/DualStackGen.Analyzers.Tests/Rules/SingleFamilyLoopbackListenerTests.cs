using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.Generator.Analyzers;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0006 (info): a listener on one loopback only.</summary>
public sealed class SingleFamilyLoopbackListenerTests
{
    // A listener created by the implementation of an interface method, given its endpoint through the interface.
    [Fact]
    public Task A_loopback_endpoint_passed_through_an_interface_method_is_reported() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource(InterfaceServer.Source + """
        public static class Program
        {
            public static void Main()
            {
                IViewerServer server = new ViewerServer();
                server.Start(new IPEndPoint([|IPAddress.Loopback|], 5900));
            }
        }
        """).ShouldReportAsync();

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

    [Fact]
    public Task A_loopback_chosen_alone_is_reported_even_when_another_member_adds_both_to_the_same_listeners() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""

        public sealed class HostBuilder
        {
            private readonly List<IPEndPoint> _endPoints = new();

            public HostBuilder Listen(IPAddress address, int port)
            {
                _endPoints.Add(new IPEndPoint(address, port));
                return this;
            }

            public HostBuilder ListenLocalhost(int port) => Listen(IPAddress.Loopback, port).Listen(IPAddress.IPv6Loopback, port);

            public HostBuilder ListenNamed(string host, int port) => Listen(host == "localhost" ? [|IPAddress.Loopback|] : IPAddress.IPv6Any, port);

            public void Start()
            {
                foreach (IPEndPoint endPoint in _endPoints)
                {
                    new TcpListener(endPoint).Start();
                }
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_loopback_given_to_a_positional_record_is_followed_to_the_listener() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        public sealed record EndpointSpec(IPAddress Address, int Port)
        {
            public static EndpointSpec LocalOnly(int port) => new([|IPAddress.Loopback|], port);
        }

        public static class Listeners
        {
            public static TcpListener Admin(int port)
            {
                EndpointSpec spec = EndpointSpec.LocalOnly(port);
                return new TcpListener(spec.Address, spec.Port);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_loopback_written_as_text_counts_like_the_field() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        class Status
        {
            TcpListener V4(int port) => new TcpListener([|IPAddress.Parse("127.0.0.1")|], port);

            void Both(int port)
            {
                new TcpListener(IPAddress.Parse("127.0.0.1"), port).Start();
                new TcpListener(IPAddress.Parse("::1"), port).Start();
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_loopback_listener_whose_own_clients_connect_to_that_loopback_is_silent() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        class FakeUpstream
        {
            private readonly UdpClient _server = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0));
            private readonly TcpListener _tcp = new TcpListener(IPAddress.Loopback, 0);

            public UdpClient Client() => new UdpClient("127.0.0.1", 5000);

            public TcpClient Connect()
            {
                var client = new TcpClient();
                client.Connect(IPAddress.Loopback, 5001);
                return client;
            }
        }

        class OtherFamily
        {
            private readonly TcpListener _tcp = new TcpListener([|IPAddress.IPv6Loopback|], 0);

            public TcpClient Client() => new TcpClient("127.0.0.1", 5002);
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

    // A client binding the side it leaves from before it connects is no listener.
    [Fact]
    public Task A_client_bound_to_a_loopback_before_it_connects_is_silent() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        class Probe
        {
            void Send(int port)
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                client.Connect(new IPEndPoint(IPAddress.Loopback, port));
                var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                udp.Connect(IPAddress.Loopback, port);
            }
        }

        class Server
        {
            void Listen(int port)
            {
                var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                server.Bind(new IPEndPoint([|IPAddress.Loopback|], port));
            }
        }
        """).ShouldReportAsync();

    // The loopback chosen as text: an options property set to "127.0.0.1" and read through IPAddress.Parse elsewhere.
    [Fact]
    public Task Loopback_text_parsed_where_the_listener_is_made_is_reported_at_the_text() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        public sealed class ServerConfig
        {
            public string Ip { get; set; } = "any";
            public int Port { get; set; }

            public ServerConfig Local(int port)
            {
                Ip = [|"127.0.0.1"|];
                Port = port;
                return this;
            }
        }

        public sealed class ConfiguredListener
        {
            private readonly IPEndPoint _endPoint;

            public ConfiguredListener(ServerConfig config)
            {
                IPAddress address;
                switch (config.Ip)
                {
                    case "any":
                        address = IPAddress.IPv6Any;
                        break;
                    default:
                        address = IPAddress.Parse(config.Ip);
                        break;
                }

                _endPoint = new IPEndPoint(address, config.Port);
            }

            public Socket Start()
            {
                var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(_endPoint);
                socket.Listen(16);
                return socket;
            }
        }

        public sealed class EitherLoopbackConfig
        {
            public string Host { get; set; } = "127.0.0.1";

            public void PreferIPv6() => Host = "::1";

            public TcpListener Listen(int port) => new TcpListener(IPAddress.Parse(Host), port);
        }
        """).ShouldReportAsync();

    // Reported at the loopback chosen by the caller, with the listener that binds it as the additional location.
    [Fact]
    public async Task A_loopback_chosen_by_the_caller_names_the_listener_as_its_additional_location()
    {
        var diagnostics = await Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
            sealed class MailListener : TcpListener
            {
                public MailListener(IPAddress address, int port) : base(address, port)
                {
                }
            }

            static class Program
            {
                public static MailListener Open(int port) => new MailListener([|IPAddress.Loopback|], port);
            }
            """).GetDiagnosticsAsync();
        Microsoft.CodeAnalysis.Diagnostic diagnostic = Assert.Single(diagnostics);
        Microsoft.CodeAnalysis.Location sink = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal(": base(address, port)", sink.SourceTree!.GetText().ToString(sink.SourceSpan));
    }

    // A Client and a Server sharing a base's protected field: what the Client's constructors store there is another
    // instance's, never the one the Server listens on.
    [Fact]
    public Task A_loopback_a_sibling_subclass_stores_in_the_inherited_field_is_not_the_listener_s() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        abstract class Host
        {
            protected IPAddress? _ip;
            protected int _port = 5000;
        }

        sealed class Server : Host
        {
            public Server() => _ip = [|IPAddress.Loopback|];

            public TcpListener Listen() => new TcpListener(_ip!, _port);
        }

        sealed class Client : Host
        {
            public Client() => _ip = IPAddress.Loopback;

            public Client(string[] args) => _ip = IPAddress.Parse(args[0]);

            public TcpClient Connect() => new TcpClient(_ip!.ToString(), _port);
        }
        """).ShouldReportAsync();

    // A server made on an endpoint listens on endPoint.Address: the loopback its caller built the endpoint of.
    [Fact]
    public Task A_listener_on_the_address_of_an_endpoint_its_caller_made_of_the_loopback_is_reported() => Verify.Analyzer<SingleFamilyLoopbackListenerAnalyzer>().WithSource("""
        static class Program
        {
            static void Main()
            {
                var endPoint = new IPEndPoint([|IPAddress.Parse("127.0.0.1")|], 8080);
                new WebServer(endPoint).Start();
            }
        }

        sealed class WebServer
        {
            private readonly TcpListener _listener;

            public WebServer(IPEndPoint endPoint) => _listener = new(endPoint.Address, endPoint.Port);

            public void Start() => _listener.Start();
        }
        """).ShouldReportAsync();
}
