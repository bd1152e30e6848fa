using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0009: IPv6 wildcard sockets and listeners without DualMode before the bind.</summary>
public sealed class IPv6WildcardWithoutDualModeTests
{
    private static AnalyzerVerifier Analyzer() => Verify.Analyzer<IPv6WildcardWithoutDualModeAnalyzer>().WithCodeFix<IPv6WildcardWithoutDualModeCodeFixProvider>();

    [Fact]
    public Task IPv6_wildcard_sockets_and_listeners_without_DualMode_are_reported() => Analyzer().WithSource("""
        class Server
        {
            void Listen(int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                [|socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port))|];
                var listener = [|new TcpListener(IPAddress.IPv6Any, port)|];
                listener.Start();
                var parsed = [|new TcpListener(new IPEndPoint(IPAddress.Parse("::"), port))|];
                var udp = [|new UdpClient(port, AddressFamily.InterNetworkV6)|];
                var udpEndPoint = [|new UdpClient(new IPEndPoint(IPAddress.IPv6Any, port))|];
            }
        }
        """).ShouldReportAsync();

    // A subclass's base(...) binds as the creation it stands for: a UdpClient's at once, a TcpListener's at Start, so
    // a TcpListener subclass that sets Server.DualMode is dual-stack.
    [Fact]
    public Task An_IPv6_listener_subclass_binding_through_its_base_constructor_is_reported() => Analyzer().WithSource("""
        sealed class V6Client : UdpClient
        {
            public V6Client(int port) [|: base(new IPEndPoint(IPAddress.IPv6Any, port))|]
            {
            }
        }

        sealed class V6FamilyClient : UdpClient
        {
            public V6FamilyClient(int port) [|: base(port, AddressFamily.InterNetworkV6)|]
            {
            }
        }

        sealed class V6Listener : TcpListener
        {
            public V6Listener(int port) [|: base(IPAddress.IPv6Any, port)|]
            {
            }
        }

        sealed class DualModeListener : TcpListener
        {
            public DualModeListener(int port) : base(IPAddress.IPv6Any, port) => Server.DualMode = true;
        }
        """).ShouldReportAsync();

    [Fact]
    public Task An_IPv6_listener_subclass_is_fixed_in_its_own_constructor() => Analyzer().WithSource("""
        sealed class V6FamilyClient : UdpClient
        {
            public V6FamilyClient(int port) [|: base(port, AddressFamily.InterNetworkV6)|]
            {
            }
        }

        sealed class V6Listener : TcpListener
        {
            public V6Listener(int port) [|: base(IPAddress.IPv6Any, port)|]
            {
            }
        }
        """).ShouldFixAllToAsync(FixAllScope.Document, """
        sealed class V6FamilyClient : UdpClient
        {
            public V6FamilyClient(int port) : base(AddressFamily.InterNetworkV6)
            {
                Client.DualMode = true;
                Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }
        }

        sealed class V6Listener : TcpListener
        {
            public V6Listener(int port) : base(IPAddress.IPv6Any, port)
            {
                Server.DualMode = true;
            }
        }
        """);

    [Fact]
    public Task DualMode_or_V6Only_set_before_the_bind_and_sockets_from_elsewhere_are_silent() => Analyzer().WithSource("""
        class Server
        {
            void Listen(int port, Socket passedIn)
            {
                var dual = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                dual.DualMode = true;
                dual.Bind(new IPEndPoint(IPAddress.IPv6Any, port));

                var v6Only = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                v6Only.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
                v6Only.Bind(new IPEndPoint(IPAddress.IPv6Any, port));

                var initialized = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
                initialized.Bind(new IPEndPoint(IPAddress.IPv6Any, port));

                var defaultDual = new Socket(SocketType.Stream, ProtocolType.Tcp);
                defaultDual.Bind(new IPEndPoint(IPAddress.IPv6Any, port));

                passedIn.Bind(new IPEndPoint(IPAddress.IPv6Any, port));

                var listener = new TcpListener(IPAddress.IPv6Any, port);
                listener.Server.DualMode = true;
                listener.Start();

                var loopback = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                loopback.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));
                var created = TcpListener.Create(port);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task Listeners_kept_in_fields_or_properties_are_left_to_the_members_that_configure_them() => Analyzer().WithSource("""
        class Server
        {
            private readonly TcpListener _initialized = new(IPAddress.IPv6Any, 8080);
            private TcpListener _assigned;

            public Server()
            {
                _initialized.Server.DualMode = true;
            }

            private TcpListener Listener { get; } = new TcpListener(IPAddress.IPv6Any, 8081);

            public void Create(int port) => _assigned = new TcpListener(IPAddress.IPv6Any, port);

            public void Start()
            {
                _assigned.Server.DualMode = true;
                Listener.Server.DualMode = true;
                _assigned.Start();
            }
        }
        """).ShouldReportAsync();

    // Nothing in the type can set DualMode on a private listener when no declaration of the type spells DualMode or
    // IPv6Only: an IPv6Any chosen for it, here or in the constructor, leaves it IPv6-only.
    [Fact]
    public Task A_private_listener_field_in_a_type_that_never_sets_DualMode_is_reported() => Analyzer().WithSource(PrivateListenerFields + """

        class Exposed
        {
            public TcpListener? Listener;

            public void Start(int port) => Listener = new TcpListener(IPAddress.IPv6Any, port);
        }
        """).ShouldReportAsync();

    private const string PrivateListenerFields = """
        class Server
        {
            private readonly IPAddress _address;
            private readonly TcpListener _initialized = [|new(IPAddress.IPv6Any, 8080)|];
            private TcpListener? _assigned;

            public Server(bool everywhere) => _address = everywhere ? [|IPAddress.IPv6Any|] : IPAddress.IPv6Loopback;

            public void Start(int port)
            {
                _assigned = new TcpListener(_address, port);
                _assigned.Start();
                _initialized.Start();
            }
        }
        """;

    // TcpListener.Create(port) would listen everywhere where the code chose the loopback: a listener whose address can be
    // another gets DualMode whenever its socket is IPv6, and keeps its address.
    [Fact]
    public Task A_listener_whose_address_can_also_be_the_loopback_keeps_it_and_gets_DualMode() => Analyzer().WithSource(PrivateListenerFields).ShouldFixToAsync("""
        class Server
        {
            private readonly IPAddress _address;
            private readonly TcpListener _initialized = TcpListener.Create(8080);
            private TcpListener? _assigned;

            public Server(bool everywhere) => _address = everywhere ? IPAddress.IPv6Any : IPAddress.IPv6Loopback;

            public void Start(int port)
            {
                _assigned = new TcpListener(_address, port);
                if (_assigned.Server.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    _assigned.Server.DualMode = true;
                }

                _assigned.Start();
                _initialized.Start();
            }
        }
        """);

    [Fact]
    public Task A_socket_field_created_in_the_binding_method_is_checked_like_a_local() => Analyzer().WithSource("""
        public abstract class UdpServerBase<TSession>
            where TSession : new()
        {
            private Socket _socket;

            protected abstract IPEndPoint CreateEndPoint();

            public void Start()
            {
                IPEndPoint endPoint = CreateEndPoint();
                _socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                _socket.Bind(endPoint);
            }
        }

        public sealed class MetricsServer : UdpServerBase<object>
        {
            protected override IPEndPoint CreateEndPoint() => new([|IPAddress.IPv6Any|], 8125);
        }

        public sealed class Listener
        {
            private Socket _socket;

            public void Start(int port)
            {
                _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                [|_socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port))|];
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_socket_field_configured_or_created_elsewhere_is_left_alone() => Analyzer().WithSource("""
        public sealed class Listener
        {
            private Socket _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);

            public void Configured(int port)
            {
                _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                _socket.DualMode = true;
                _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }

            public void ConfiguredByAHelper(int port)
            {
                _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                Configure();
                _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }

            public void CreatedOnOnePath(int port, bool recreate)
            {
                if (recreate)
                {
                    _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                }

                _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }

            public void FromFactory(int port)
            {
                _socket = Create();
                _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }

            private void Configure() => _socket.DualMode = true;

            private static Socket Create() => new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        }
        """).ShouldReportAsync();

    [Fact]
    public Task An_endpoint_text_on_the_IPv6_wildcard_read_by_IPEndPoint_Parse_is_reported() => Analyzer().WithSource("""
        public sealed class AdminOptions
        {
            public string Endpoint { get; set; } = [|"[::]:7401"|];
            public string Local { get; set; } = "[::1]:7402";
            public string Secure { get; set; } = "[::]:7403";
        }

        public sealed class Admin(AdminOptions options)
        {
            public TcpListener Start() => new TcpListener(IPEndPoint.Parse(options.Endpoint));
            public TcpListener Local() => new TcpListener(IPEndPoint.Parse(options.Local));

            public TcpListener Dual()
            {
                var listener = new TcpListener(IPEndPoint.Parse(options.Secure));
                listener.Server.DualMode = true;
                return listener;
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_fix_sets_DualMode_before_the_bind_and_uses_TcpListener_Create() => Analyzer().WithSource("""
        class Server
        {
            void Listen(int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                [|socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port))|];
                socket.Listen();
                var listener = [|new TcpListener(IPAddress.IPv6Any, port)|];
                using var udp = [|new UdpClient(port, AddressFamily.InterNetworkV6)|];
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            void Listen(int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.DualMode = true;
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                socket.Listen();
                var listener = TcpListener.Create(port);
                using var udp = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }
        }
        """);

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task Fix_all_sets_DualMode_on_every_socket_in_scope(FixAllScope scope)
    {
        const string First = """
            class A
            {
                void Listen(int port)
                {
                    var tcp = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                    var udp = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                    [|tcp.Bind(new IPEndPoint(IPAddress.IPv6Any, port))|];
                    [|udp.Bind(new IPEndPoint(IPAddress.IPv6Any, port))|];
                }
            }
            """;
        const string Second = """
            class B
            {
                TcpListener Listen() => [|new TcpListener(IPAddress.IPv6Any, 80)|];
            }
            """;
        const string FirstFixed = """
            class A
            {
                void Listen(int port)
                {
                    var tcp = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                    var udp = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                    tcp.DualMode = true;
                    tcp.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                    udp.DualMode = true;
                    udp.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                }
            }
            """;
        const string SecondFixed = """
            class B
            {
                TcpListener Listen() => TcpListener.Create(80);
            }
            """;
        return scope switch
        {
            FixAllScope.Document => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, Second.Replace("[|", "").Replace("|]", "")),
            FixAllScope.Project => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
            _ => Analyzer().WithSource(First).WithSourceInProject(Second, 1).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
        };
    }

    // A listener that keeps its socket in a field as it creates it, and sets only KeepAlive: still IPv6-only.
    [Fact]
    public Task A_socket_kept_in_a_field_as_it_is_created_with_an_unrelated_option_is_reported() => Analyzer().WithSource("""
        class Listener
        {
            private Socket? _socket;

            void Start(int port)
            {
                var socket = _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                socket.NoDelay = true;
                [|socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port))|];
                socket.Listen(100);
            }
        }
        """).ShouldReportAsync();

    // The IPv6 half of a listener class instantiated once per family is IPv6-only on purpose; a base only ever given
    // IPAddress.IPv6Any (its sibling passes the IPv4 loopback) still refuses IPv4 clients.
    [Fact]
    public Task One_listener_class_given_each_family_s_wildcard_by_its_subclasses_is_one_instance_per_family() => Verify.Analyzer<IPv6WildcardWithoutDualModeAnalyzer>().WithSource(PerFamilyListeners.Source(pairedV4: "IPAddress.Any", pairedV6: "IPAddress.IPv6Any", loneV4: "IPAddress.Loopback", loneV6: "[|IPAddress.IPv6Any|]")).ShouldReportAsync();

    // A listener handed to another method that starts it (on a thread of its own) is configured there, DualMode
    // included; one started by the method that made it, after it was passed to a logger, is this method's to configure.
    [Fact]
    public Task A_listener_handed_on_before_it_is_started_is_left_to_the_method_that_starts_it() => Analyzer().WithSource("""
        sealed class ChatHost
        {
            private System.Threading.Thread? _acceptor;

            public void Start(int port)
            {
                var listener = new TcpListener(IPAddress.IPv6Any, port);
                _acceptor = new System.Threading.Thread(() => Serve(listener));
                _acceptor.Start();
            }

            public void StartLogged(int port)
            {
                var listener = [|new TcpListener(IPAddress.IPv6Any, port)|];
                Describe(listener);
                listener.Start();
            }

            private static void Serve(TcpListener listener)
            {
                listener.Server.DualMode = true;
                listener.Start();
            }

            private static void Describe(TcpListener listener) => System.Console.WriteLine(listener.LocalEndpoint);
        }
        """).ShouldReportAsync();

    // Handed to a method of the compilation's own that starts it and never sets DualMode: still IPv6-only.
    [Fact]
    public Task A_listener_handed_to_an_own_method_that_never_sets_DualMode_is_reported() => Analyzer().WithSource("""
        sealed class AcceptHost
        {
            private System.Threading.Thread? _acceptor;

            public void Start(int port)
            {
                var listener = [|new TcpListener(IPAddress.IPv6Any, port)|];
                _acceptor = new System.Threading.Thread(() => AcceptLoop(listener));
                _acceptor.Start();
            }

            private static void AcceptLoop(TcpListener listener)
            {
                listener.Start();
                listener.AcceptTcpClient().Close();
            }
        }
        """).ShouldReportAsync();
}
