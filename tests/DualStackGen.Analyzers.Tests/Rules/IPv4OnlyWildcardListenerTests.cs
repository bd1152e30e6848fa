using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0002: listeners on the IPv4 wildcard.</summary>
public sealed class IPv4OnlyWildcardListenerTests
{
    private static AnalyzerVerifier Analyzer() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithCodeFix<IPv4OnlyWildcardListenerCodeFixProvider>();

    // A constant list of both wildcards, one listener per element: one listener per family, side by side. A list whose
    // only wildcard is IPv4 (the IPv6 entry a loopback) is still IPv4-only for the world.
    [Fact]
    public Task A_constant_list_of_both_wildcards_listened_on_one_by_one_is_one_listener_per_family() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        sealed class PerFamilyServer
        {
            private readonly List<TcpListener> _listeners = new();

            public PerFamilyServer(int port)
            {
                var endpoints = new List<IPEndPoint> { new IPEndPoint(IPAddress.IPv6Any, port), new IPEndPoint(IPAddress.Any, port) };
                foreach (IPEndPoint endpoint in endpoints)
                {
                    var listener = new TcpListener(endpoint);
                    listener.Start();
                    _listeners.Add(listener);
                }
            }
        }

        sealed class LocalAndEverywhereServer
        {
            public LocalAndEverywhereServer(int port)
            {
                foreach (IPEndPoint endpoint in new[] { new IPEndPoint(IPAddress.IPv6Loopback, port), new IPEndPoint([|IPAddress.Any|], port) })
                {
                    new TcpListener(endpoint).Start();
                }
            }
        }
        """).ShouldReportAsync();

    // A responder given IPAddress.Broadcast by one caller and IPAddress.Any by another: an IPv4 broadcast protocol.
    [Fact]
    public Task A_socket_a_caller_binds_to_the_broadcast_address_is_a_broadcast_responder() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource(BroadcastResponder.Source).ShouldReportAsync();

    // A subclass's base(...) binds as the creation it stands for; an address its callers give is reported where chosen.
    [Fact]
    public Task A_listener_subclass_binding_through_its_base_constructor_is_reported() => Analyzer().WithSource("""
        #pragma warning disable CS0618
        sealed class DiscoveryClient : UdpClient
        {
            public DiscoveryClient(int port) [|: base(port)|]
            {
            }
        }

        sealed class EndPointClient : UdpClient
        {
            public EndPointClient(int port) [|: base(new IPEndPoint(IPAddress.Any, port))|]
            {
            }
        }

        sealed class PortListener : TcpListener
        {
            public PortListener(int port) [|: base(port)|]
            {
            }
        }

        sealed class AddressListener : TcpListener
        {
            public AddressListener(IPAddress address, int port) : base(address, port)
            {
            }

            public static AddressListener Everywhere(int port) => new AddressListener([|IPAddress.Any|], port);
        }

        sealed class DualModeListener : TcpListener
        {
            public DualModeListener(int port) : base(IPAddress.IPv6Any, port) => Server.DualMode = true;
        }

        sealed class ChainedClient : UdpClient
        {
            public ChainedClient(int port, AddressFamily family) : base(port, family)
            {
            }

            public ChainedClient() : this(0, AddressFamily.InterNetworkV6)
            {
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_socket_that_turns_broadcast_off_is_no_broadcast_socket() => Analyzer().WithSource("""
        sealed class Receiver
        {
            public UdpClient Open(int port) => [|new UdpClient(port) { EnableBroadcast = false }|];
        }

        sealed class Announcer
        {
            public UdpClient Open(int port) => new UdpClient(port) { EnableBroadcast = true };
        }
        """).ShouldReportAsync();

    [Fact]
    public Task Every_IPv4_wildcard_listener_pattern_is_reported() => Analyzer().WithSource("""
        #pragma warning disable CS0618
        class Server
        {
            void Listen(int port, Socket socket)
            {
                var byPort = [|new TcpListener(port)|];
                var byAny = [|new TcpListener(IPAddress.Any, port)|];
                var byParsed = [|new TcpListener(IPAddress.Parse("0.0.0.0"), port)|];
                var byEndPoint = [|new TcpListener(new IPEndPoint(IPAddress.Any, port))|];
                var udp = [|new UdpClient(port)|];
                var udpV4 = [|new UdpClient(port, AddressFamily.InterNetwork)|];
                var udpEndPoint = [|new UdpClient(new IPEndPoint(IPAddress.Any, port))|];
                var any = [|IPAddress.Any|];
                socket.Bind(new IPEndPoint(any, port));
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task Dual_stack_specific_and_client_uses_are_silent() => Analyzer().WithSource("""
        class Server
        {
            void Listen(int port, IPAddress configured, Socket socket)
            {
                var created = TcpListener.Create(port);
                var v6 = new TcpListener(IPAddress.IPv6Any, port);
                var specific = new TcpListener(IPAddress.Loopback, port);
                var fromConfiguration = new TcpListener(configured, port);
                var client = new UdpClient();
                var v6Udp = new UdpClient(port, AddressFamily.InterNetworkV6);
                var remote = new UdpClient("example.com", port);
                socket.Bind(new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, port));
                var endPoint = new IPEndPoint(IPAddress.Any, port);
                socket.Connect(endPoint);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task An_address_given_to_a_positional_record_is_followed_to_the_listener_that_reads_its_property() => Analyzer().WithSource("""
        public sealed record EndpointSpec(IPAddress Address, int Port)
        {
            public static EndpointSpec AnyOn(int port) => new([|IPAddress.Any|], port);
            public static EndpointSpec EveryFamily(int port) => new(IPAddress.IPv6Any, port);
        }

        public sealed class SpecListener(EndpointSpec spec)
        {
            public TcpListener Open() => new TcpListener(spec.Address, spec.Port);
            public static TcpListener Public(int port) => new SpecListener(EndpointSpec.AnyOn(port)).Open();
        }
        """).ShouldReportAsync();

    [Fact]
    public Task An_address_kept_in_a_tuple_list_is_followed_through_a_deconstructing_foreach() => Analyzer().WithSource("""

        class HttpServer
        {
            private readonly List<(IPAddress Address, int Port)> _bindings = new();

            // One diagnostic for each listener the wildcard reaches, each naming its own.
            public void AddPrefix(string host, int port) => _bindings.Add((host == "*" ? [|[|IPAddress.Any|]|] : IPAddress.IPv6Loopback, port));

            public void AddPort(int port) => _bindings.Add((IPAddress.IPv6Any, port));

            public void Start()
            {
                foreach ((IPAddress address, int port) in _bindings)
                {
                    new TcpListener(address, port).Start();
                }

                foreach (var (address, _) in _bindings)
                {
                    new TcpListener(address, 80).Start();
                }
            }
        }
        """).ShouldReportAsync();

    // A constructor that overwrites its parameter before binding it binds what it wrote, as any other method does (trial Y,
    // a syslog receiver's constructor).
    [Fact]
    public Task A_constructor_parameter_overwritten_before_the_bind_is_followed_to_its_new_value() => Analyzer().WithSource("""
        class SyslogReceiver
        {
            private readonly TcpListener _listener;

            public SyslogReceiver(IPAddress address, int port)
            {
                address = [|IPAddress.Any|];
                _listener = new TcpListener(address, port);
                _listener.Start();
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task TcpListeners_become_TcpListener_Create() => Analyzer().WithSource("""
        class Server
        {
            TcpListener ByPort(int port) => [|new TcpListener(port)|];
            TcpListener ByAny(int port) => [|new TcpListener(IPAddress.Any, port)|];
            TcpListener ByEndPoint(int port) => [|new TcpListener(new IPEndPoint(IPAddress.Any, port))|];
            TcpListener ByLocalEndPoint(int port)
            {
                var endPoint = new IPEndPoint([|IPAddress.Any|], port);
                return new TcpListener(endPoint);
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            TcpListener ByPort(int port) => TcpListener.Create(port);
            TcpListener ByAny(int port) => TcpListener.Create(port);
            TcpListener ByEndPoint(int port) => TcpListener.Create(port);
            TcpListener ByLocalEndPoint(int port)
            {
                var endPoint = new IPEndPoint(IPAddress.Any, port);
                return TcpListener.Create(endPoint.Port);
            }
        }
        """);

    // TcpListener.Create(port) listens on every address: a listener that can also be given the loopback is not rewritten.
    [Fact]
    public Task A_listener_whose_address_can_also_be_the_loopback_is_not_rewritten_to_listen_everywhere() => Analyzer().WithSource("""
        class Server
        {
            TcpListener Listen(bool local, int port) => [|new TcpListener(local ? IPAddress.Loopback : IPAddress.Any, port)|];
        }
        """).ShouldOfferNoFixAsync();

    [Fact]
    public Task With_the_runtime_the_listener_fix_calls_DualStack_CreateTcpListener() => Analyzer().WithRuntimeReference().WithSource("""
        class Server
        {
            TcpListener Listen(int port) => [|new TcpListener(IPAddress.Any, port)|];
        }
        """).ShouldFixToAsync("""
        using DualStackGen;

        class Server
        {
            TcpListener Listen(int port) => DualStack.CreateTcpListener(port);
        }
        """);

    [Fact]
    public Task A_UdpClient_becomes_dual_mode_and_is_bound_to_IPv6Any() => Analyzer().WithSource("""
        class Server
        {
            UdpClient _field;

            void Listen(int port)
            {
                using var udp = [|new UdpClient(port)|];
                _field = [|new UdpClient(port + 1, AddressFamily.InterNetwork)|];
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            UdpClient _field;

            void Listen(int port)
            {
                using var udp = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                _field = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                _field.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port + 1));
            }
        }
        """);

    [Fact]
    public Task With_the_runtime_a_UdpClient_in_any_expression_becomes_DualStack_CreateUdpClient() => Analyzer().WithRuntimeReference().WithSource("""
        using DualStackGen;

        class Server
        {
            readonly UdpClient _udp = [|new UdpClient(5000)|];
        }
        """).ShouldFixToAsync("""
        using DualStackGen;

        class Server
        {
            readonly UdpClient _udp = DualStack.CreateUdpClient(5000);
        }
        """);

    [Fact]
    public Task A_socket_bound_to_Any_becomes_dual_mode_on_IPv6Any() => Analyzer().WithSource("""
        class Server
        {
            void Listen(int port)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind([|new IPEndPoint(IPAddress.Any, port)|]);
                var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                v4.Bind([|new IPEndPoint(IPAddress.Parse("0.0.0.0"), port)|]);
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            void Listen(int port)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                var v4 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
                v4.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }
        }
        """);

    [Fact]
    public Task An_endpoint_text_default_and_a_numeric_zero_address_are_reported_and_ICMP_is_silent() => Analyzer().WithSource("""
        public sealed class GatewayOptions
        {
            public string Endpoint { get; set; } = [|"0.0.0.0:7400"|];
            public string Admin { get; set; } = "[::]:7401";
        }

        public sealed class Gateway(GatewayOptions options)
        {
            public TcpListener Start() => new TcpListener(IPEndPoint.Parse(options.Endpoint));
            public TcpListener Admin() => new TcpListener(IPEndPoint.Parse(options.Admin));

            public Socket Legacy(int port)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind([|new IPEndPoint(0, port)|]);
                return socket;
            }

            public Socket Ping()
            {
                var icmp = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
                icmp.Bind(new IPEndPoint(IPAddress.Any, 0));
                return icmp;
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_numeric_zero_address_becomes_IPv6Any_on_a_dual_mode_socket() => Analyzer().WithSource("""
        class Server
        {
            void Listen(int port)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind([|new IPEndPoint(0, port)|]);
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            void Listen(int port)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }
        }
        """);

    [Fact]
    public Task A_socket_passed_in_has_no_fix() => Analyzer().WithSource("""
        class Server
        {
            void Listen(Socket socket, int port) => socket.Bind([|new IPEndPoint(IPAddress.Any, port)|]);
        }
        """).ShouldOfferNoFixAsync();

    // The family read from the address: the rewrite would keep the socket IPv4 and set DualMode on it, which throws.
    [Fact]
    public Task A_socket_whose_family_is_read_from_an_address_has_no_fix() => Analyzer().WithSource("""
        class Broker
        {
            void Listen(int port)
            {
                var listener = new Socket(IPAddress.Any.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind([|new IPEndPoint(IPAddress.Any, port)|]);
                listener.Listen(100);
            }
        }
        """).ShouldOfferNoFixAsync();

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task Fix_all_rewrites_every_listener_in_scope(FixAllScope scope)
    {
        const string First = """
            class A
            {
                TcpListener One(int port) => [|new TcpListener(IPAddress.Any, port)|];
                TcpListener Two() => [|new TcpListener(8080)|];
            }
            """;
        const string Second = """
            class B
            {
                TcpListener Three() => [|new TcpListener(IPAddress.Any, 9090)|];
            }
            """;
        const string FirstFixed = """
            class A
            {
                TcpListener One(int port) => TcpListener.Create(port);
                TcpListener Two() => TcpListener.Create(8080);
            }
            """;
        const string SecondFixed = """
            class B
            {
                TcpListener Three() => TcpListener.Create(9090);
            }
            """;
        return scope switch
        {
            FixAllScope.Document => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, Second.Replace("[|", "").Replace("|]", "")),
            FixAllScope.Project => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
            _ => Analyzer().WithSource(First).WithSourceInProject(Second, 1).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
        };
    }

    // "Leave empty to listen on all interfaces": the any-address put in a list, one listener opened per element.
    [Fact]
    public Task The_IPv4_wildcard_in_a_local_list_listened_on_element_by_element_is_reported() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        using System.Collections.Generic;

        class MultiListener
        {
            void Start(string? address, int port)
            {
                List<IPAddress> addresses = string.IsNullOrEmpty(address) ? new List<IPAddress> { [|IPAddress.Any|] } : new List<IPAddress> { IPAddress.Parse(address) };
                Open(addresses, port);
                var fixedOnes = new[] { [|IPAddress.Any|] };
                foreach (IPAddress fixedOne in fixedOnes)
                {
                    new TcpListener(fixedOne, port + 1).Start();
                }
            }

            private static void Open(IEnumerable<IPAddress> addresses, int port)
            {
                foreach (IPAddress address in addresses)
                {
                    new TcpListener(address, port).Start();
                }
            }
        }
        """).ShouldReportAsync();

    // One listener per family, each taking the IPv4 address as its default and the IPv6 one on the IPv6 instance.
    [Fact]
    public Task An_IPv4_default_replaced_on_the_IPv6_arm_of_a_family_choice_is_silent() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        public sealed class EndpointOptions
        {
            public IPAddress V4Address { get; set; } = IPAddress.Any;
            public IPAddress V6Address { get; set; } = IPAddress.IPv6Any;
            public int Port { get; set; } = 1883;
        }

        sealed class FamilyListener
        {
            private readonly AddressFamily _family;
            private readonly EndpointOptions _options;

            public FamilyListener(AddressFamily family, EndpointOptions options)
            {
                _family = family;
                _options = options;
            }

            public void Start()
            {
                var address = _options.V4Address;
                if (_family == AddressFamily.InterNetworkV6)
                {
                    address = _options.V6Address;
                }

                var socket = new Socket(_family, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(address, _options.Port));
            }
        }
        """).ShouldReportAsync();

    // The addresses of both families chosen into locals first, then one listener each: one socket per family.
    [Fact]
    public Task Two_listeners_on_addresses_chosen_into_locals_are_silent() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        class NotificationServer
        {
            void Start(bool allowRemote, int port)
            {
                var v4Address = allowRemote ? IPAddress.Any : IPAddress.Loopback;
                var v6Address = allowRemote ? IPAddress.IPv6Any : IPAddress.IPv6Loopback;
                var v4 = new TcpListener(v4Address, port);
                var v6 = new TcpListener(v6Address, port);
                v6.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
                v4.Start();
                v6.Start();
            }
        }
        """).ShouldReportAsync();

    // A builder sets the endpoint on its definition class; the listener factory reads it through the interface.
    [Fact]
    public Task The_IPv4_wildcard_set_on_a_class_and_read_through_its_interface_is_reported() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        public interface IEndpointDefinition
        {
            IPEndPoint Endpoint { get; }
        }

        public sealed class EndpointDefinition : IEndpointDefinition
        {
            public IPEndPoint Endpoint { get; set; } = null!;
        }

        public sealed class EndpointBuilder
        {
            private readonly EndpointDefinition _definition = new();

            public EndpointBuilder Port(int port)
            {
                _definition.Endpoint = new IPEndPoint([|IPAddress.Any|], port);
                return this;
            }

            public IEndpointDefinition Build() => _definition;
        }

        public static class ListenerFactory
        {
            public static TcpListener Create(IEndpointDefinition definition) => new TcpListener(definition.Endpoint);
        }
        """).ShouldReportAsync();

    // The fallback put into a local list when the configured hosts do not parse, read back by index.
    [Fact]
    public Task The_IPv4_wildcard_added_to_a_local_list_and_read_by_index_is_reported() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        using System.Collections.Generic;

        static class Listeners
        {
            public static void Start(string configured, int port)
            {
                var hosts = new List<IPAddress>();
                if (!IPAddress.TryParse(configured, out IPAddress? parsed))
                {
                    hosts.Add([|IPAddress.Any|]);
                }
                else
                {
                    hosts.Add(parsed);
                }

                for (int i = 0; i < hosts.Count; i++)
                {
                    Open(hosts[i], port);
                }
            }

            private static void Open(IPAddress host, int port) => new TcpListener(host, port).Start();
        }
        """).ShouldReportAsync();

    // A constructor reads the fields of the instance it constructs: the initializer's IPAddress.Any is what the
    // one-argument constructor binds, the two-argument one overwrites it before its bind, and the address given to the
    // two-argument constructor never reaches the other.
    [Fact]
    public async Task Each_constructor_binds_what_it_assigned_itself_or_the_initializer_not_what_another_constructor_stores()
    {
        System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> diagnostics = await Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
            internal sealed class ListenHandler
            {
                private readonly TcpListener _listener;
                private IPAddress _bindTo = [|IPAddress.Any|];

                public IPAddress BindTo => _bindTo;

                public ListenHandler(int port)
                {
                    _listener = new TcpListener(BindTo, port);
                }

                public ListenHandler(IPAddress bindTo, int port)
                {
                    _bindTo = bindTo;
                    _listener = new TcpListener(BindTo, port);
                }
            }

            public sealed class ModbusLikeServer
            {
                private readonly IPAddress _localAddress = [|IPAddress.Any|];

                public void Listen(int port) => _ = new ListenHandler(_localAddress, port);
            }
            """).GetDiagnosticsAsync();
        Assert.Equal(2, diagnostics.Length);
        foreach (Microsoft.CodeAnalysis.Diagnostic diagnostic in diagnostics)
        {
            Microsoft.CodeAnalysis.Location sink = Assert.Single(diagnostic.AdditionalLocations);
            string constructor = sink.SourceTree!.GetRoot().FindNode(sink.SourceSpan).FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax>()!.ParameterList.ToString();
            string origin = diagnostic.Location.SourceTree!.GetRoot().FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax>()!.Identifier.ValueText;
            Assert.Equal(origin == "_bindTo" ? "(int port)" : "(IPAddress bindTo, int port)", constructor);
        }
    }

    // What a constructor assigns in a branch, or what a constructor it chains to with this(...) stores, may still be there.
    [Fact]
    public Task A_constructor_that_chains_or_assigns_in_a_branch_still_sees_the_other_values() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        internal static class Defaults
        {
            public static readonly IPAddress Everywhere = [|IPAddress.Any|];
        }

        internal sealed class ChainedHandler
        {
            private readonly TcpListener? _listener;
            private IPAddress _bindTo = IPAddress.IPv6Any;

            private ChainedHandler(bool wildcard)
            {
                _bindTo = wildcard ? [|IPAddress.Any|] : IPAddress.IPv6Loopback;
            }

            public ChainedHandler(int port, bool everywhere) : this(false)
            {
                if (everywhere)
                {
                    _bindTo = Defaults.Everywhere;
                }

                _listener = new TcpListener(_bindTo, port);
            }
        }
        """).ShouldReportAsync();

    // A server holds its behaviour through an interface; the default behaviour's getter computes the address. What the
    // implementations' getters return is what the listener binds.
    [Fact]
    public Task An_address_computed_by_an_implementation_s_getter_read_through_the_interface_is_followed() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        public interface IServerBehaviour
        {
            IPAddress Address { get; }

            int Port { get; }
        }

        public class DefaultServerBehaviour : IServerBehaviour
        {
            public virtual IPAddress Address
            {
                get { return [|IPAddress.Any|]; }
            }

            public virtual int Port => 25;
        }

        public sealed class LoopbackBehaviour : DefaultServerBehaviour
        {
            public override IPAddress Address => IPAddress.IPv6Loopback;
        }

        public sealed class SubmissionBehaviour : IServerBehaviour
        {
            public IPAddress Address => [|IPAddress.Any|];

            public int Port => 587;
        }

        public sealed class MailServer
        {
            private TcpListener? _listener;

            public MailServer(IServerBehaviour behaviour) => Behaviour = behaviour;

            public IServerBehaviour Behaviour { get; }

            public void Start()
            {
                _listener = new TcpListener(Behaviour.Address, Behaviour.Port);
                _listener.Start();
            }
        }
        """).ShouldReportAsync();

    // A base class stores the endpoint its constructor is given; each subclass binds it in its own Start. What one
    // subclass passes to base(...) is bound only by its own hierarchy's Start, never by a sibling's.
    [Fact]
    public Task An_endpoint_passed_to_base_reaches_only_its_own_hierarchy_s_listeners() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        abstract class EndPointListenerBase
        {
            protected EndPointListenerBase(IPEndPoint endPoint)
            {
                PreferredEndPoint = endPoint;
            }

            protected IPEndPoint PreferredEndPoint { get; }
        }

        class DatagramListener : EndPointListenerBase
        {
            private UdpClient? _client;

            public DatagramListener(IPEndPoint endPoint) : base(endPoint)
            {
            }

            public void Start() => _client = new UdpClient(PreferredEndPoint);
        }

        sealed class StreamListener : EndPointListenerBase
        {
            private readonly Socket _socket = new Socket(SocketType.Stream, ProtocolType.Tcp);

            public StreamListener(IPEndPoint endPoint) : base(endPoint)
            {
            }

            public void Start()
            {
                _socket.Bind(PreferredEndPoint);
                _socket.Listen();
            }
        }

        sealed class AnnouncementListener : EndPointListenerBase
        {
            public AnnouncementListener(int port) : base(new IPEndPoint(IPAddress.Any, port))
            {
            }
        }

        sealed class TableListener : DatagramListener
        {
            public TableListener(int port) : base(new IPEndPoint([|IPAddress.Any|], port))
            {
            }
        }
        """).ShouldReportAsync();

    // One listener class, each subclass passing its own family's wildcard to the base: an IPv4-only and an IPv6-only
    // instance on purpose. A base only ever given IPAddress.Any (its IPv6 sibling passes the loopback) is still IPv4-only.
    [Fact]
    public Task One_listener_class_given_each_family_s_wildcard_by_its_subclasses_is_one_instance_per_family() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource(PerFamilyListeners.Source(pairedV4: "IPAddress.Any", pairedV6: "IPAddress.IPv6Any", loneV4: "[|IPAddress.Any|]", loneV6: "IPAddress.IPv6Loopback")).ShouldReportAsync();

    // A receiver on IPAddress.Any that joins the group it is given can only join an IPv4 group: a multicast socket, like
    // a broadcast one. A type that also sets up IPv6 memberships shows IPv6 multicast is in play, and stays a finding.
    [Fact]
    public Task A_socket_joining_a_group_it_is_given_is_an_IPv4_multicast_receiver() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        sealed class GroupReceiver
        {
            private readonly UdpClient _data = new UdpClient();

            public GroupReceiver(string group, int port)
            {
                _data.Client.Bind(new IPEndPoint(IPAddress.Any, port));
                _data.JoinMulticastGroup(IPAddress.Parse(group));
            }
        }

        sealed class EitherFamilyReceiver
        {
            private readonly Socket _socket = new Socket(SocketType.Dgram, ProtocolType.Udp);

            public EitherFamilyReceiver(IPAddress group, int port)
            {
                _socket.Bind([|new IPEndPoint(IPAddress.Any, port)|]);
                if (group.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    _socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(group));
                }
                else
                {
                    _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group));
                }
            }
        }
        """).ShouldReportAsync();

    // Cases the per-family, construction and multicast exemptions must not swallow: a choice between the two wildcards
    // in one method, a default a method the constructor calls puts in, and a TCP listener of a type that also joins a
    // multicast group on its UDP socket.
    [Fact]
    public Task A_choice_a_defaulting_method_and_a_TCP_listener_next_to_a_multicast_join_stay_findings() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        public sealed class PlainServer
        {
            private readonly IPAddress _address;
            private readonly int _port;

            public PlainServer(IPAddress address, int port)
            {
                _address = address;
                _port = port;
            }

            public TcpListener Start() => new TcpListener(_address, _port);

            public static PlainServer Create(bool useIPv6, int port) => useIPv6 ? new PlainServer(IPAddress.IPv6Any, port) : new PlainServer([|IPAddress.Any|], port);
        }

        internal sealed class DefaultingHandler
        {
            private readonly TcpListener _listener;
            private IPAddress? _address;

            public DefaultingHandler(IPAddress? address, int port)
            {
                _address = address;
                ApplyDefaults();
                _listener = new TcpListener(_address!, port);
            }

            private void ApplyDefaults() => _address ??= [|IPAddress.Any|];
        }

        public sealed class LanGameServer
        {
            private readonly TcpListener _listener = [|new TcpListener(IPAddress.Any, 7777)|];
            private readonly UdpClient _lan = new UdpClient();

            public LanGameServer(IPAddress lanGroup) => _lan.JoinMulticastGroup(lanGroup);
        }
        """).ShouldReportAsync();

    // An array of addresses read by index: what the compilation put in it (its initializer, an element stored later)
    // is what is listened on, as for a list.
    [Fact]
    public Task The_IPv4_wildcard_in_an_array_read_by_index_is_reported() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        sealed class ChatConfig
        {
            public ChatConfig() => Addresses = new IPAddress[] { [|IPAddress.Any|] };

            public IPAddress[] Addresses { get; set; }

            public int Port { get; set; } = 6667;
        }

        sealed class ChatServer
        {
            private readonly ChatConfig _config = new ChatConfig();
            private readonly IPAddress[] _extra = new IPAddress[2];

            public ChatServer(bool local) => _extra[0] = local ? IPAddress.Loopback : [|IPAddress.Any|];

            public void Start()
            {
                for (int index = 0; index < _config.Addresses.Length; index++)
                {
                    new TcpListener(_config.Addresses[index], _config.Port).Start();
                }

                new TcpListener(_extra[0], _config.Port + 1).Start();
            }
        }
        """).ShouldReportAsync();

    // "0.0.0.0" handed from Main through one constructor to another that keeps it in a field and parses it to listen.
    [Fact]
    public Task The_IPv4_wildcard_text_passed_through_two_constructors_is_reported() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        static class Start
        {
            static void Main() => new Relay([|"0.0.0.0"|], "10.1.2.3", 4000);
        }

        sealed class Relay
        {
            public Relay(string listenHost, string upstreamHost, int port)
            {
                var upstream = new Upstream(upstreamHost, port);
                var front = new Front(listenHost, port);
                front.StartListener();
            }
        }

        sealed class Upstream
        {
            public string host;

            public Upstream(string host, int port) => this.host = host;
        }

        sealed class Front
        {
            public string host;
            public int port;
            private TcpListener? listener;

            public Front(string host, int port)
            {
                this.host = host;
                this.port = port;
            }

            public void StartListener()
            {
                IPAddress ip = IPAddress.Parse(host);
                listener = new TcpListener(ip, port);
                listener.Start();
            }
        }
        """).ShouldReportAsync();

    // Configured endpoints held in a struct of the compilation and turned into IPEndPoint by its own implicit operator.
    [Fact]
    public Task An_endpoint_made_by_the_compilation_s_implicit_operator_is_followed_into_it() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource("""
        using System.Collections.Generic;

        struct EndPointData
        {
            public IPAddress Address { get; set; }

            public int Port { get; set; }

            public static implicit operator IPEndPoint(EndPointData data) => new IPEndPoint(data.Address, data.Port);
        }

        sealed class FtpServer
        {
            private readonly TcpListener _listener;

            public FtpServer(IPEndPoint endPoint) => _listener = new TcpListener(endPoint);

            public void Start() => _listener.Start();
        }

        static class Program
        {
            static void Main()
            {
                var endPoints = new List<EndPointData> { new EndPointData { Address = [|IPAddress.Any|], Port = 21 } };
                foreach (EndPointData endPoint in endPoints)
                {
                    new FtpServer(endPoint).Start();
                }
            }
        }
        """).ShouldReportAsync();
}
