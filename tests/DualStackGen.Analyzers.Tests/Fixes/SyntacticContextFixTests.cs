using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.Analyzers.Tests.Fixes;

/// <summary>
/// Listener fixes wherever C# lets a creation stand, not only in a statement: expression bodies, field and property
/// initializers, arguments, lambdas, object initializers and <c>using</c> declarations. Each fixed source must compile
/// with no new warning (nullable enabled) and leave no diagnostic of the rule behind.
/// </summary>
public sealed class SyntacticContextFixTests
{
    private static AnalyzerVerifier Wildcard() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithCodeFix<IPv4OnlyWildcardListenerCodeFixProvider>();

    [Fact]
    public Task An_expression_bodied_UdpClient_factory_gets_a_dual_mode_helper() => Wildcard().WithSource("""
        public static class Discovery
        {
            public static UdpClient Start(int port) => [|new UdpClient(port)|];
        }
        """).ShouldFixToAsync("""
        public static class Discovery
        {
            public static UdpClient Start(int port) => CreateDualModeUdpClient(port);

            private static UdpClient CreateDualModeUdpClient(int port)
            {
                var client = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return client;
            }
        }
        """);

    [Fact]
    public Task Fix_all_shares_one_helper_between_initializers_arguments_and_lambdas() => Wildcard().WithSource("""
        class Server
        {
            // the discovery socket
            readonly UdpClient _discovery = [|new UdpClient(5000)|];

            public UdpClient Beacon { get; } = [|new UdpClient(5001)|];

            void Listen(Action<UdpClient> use)
            {
                use([|new UdpClient(5002)|]);
                Func<UdpClient> later = () => [|new UdpClient(5003)|];
            }
        }
        """).ShouldFixAllToAsync(FixAllScope.Document, """
        class Server
        {
            // the discovery socket
            readonly UdpClient _discovery = CreateDualModeUdpClient(5000);

            public UdpClient Beacon { get; } = CreateDualModeUdpClient(5001);

            void Listen(Action<UdpClient> use)
            {
                use(CreateDualModeUdpClient(5002));
                Func<UdpClient> later = () => CreateDualModeUdpClient(5003);
            }

            private static UdpClient CreateDualModeUdpClient(int port)
            {
                var client = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return client;
            }
        }
        """);

    [Fact]
    public Task A_TcpListener_becomes_TcpListener_Create_in_every_expression_context() => Wildcard().WithSource("""
        class Holder
        {
            public TcpListener? Listener { get; set; }
        }

        class Server
        {
            readonly TcpListener _field = [|new TcpListener(IPAddress.Any, 8080)|];

            TcpListener Expression(int port) => /* admin port */ [|new TcpListener(IPAddress.Any, port)|];

            Holder Initialized() => new Holder { Listener = [|new TcpListener(IPAddress.Any, 8081)|] };

            void Run(Func<int, TcpListener> factory)
            {
                Run(port => [|new TcpListener(IPAddress.Any, port)|]);
                using var scoped = new ListenerScope([|new TcpListener(IPAddress.Any, 8082)|]);
            }
        }

        sealed class ListenerScope(TcpListener listener) : IDisposable
        {
            public void Dispose() => listener.Dispose();
        }
        """).ShouldFixAllToAsync(FixAllScope.Document, """
        class Holder
        {
            public TcpListener? Listener { get; set; }
        }

        class Server
        {
            readonly TcpListener _field = TcpListener.Create(8080);

            TcpListener Expression(int port) => /* admin port */ TcpListener.Create(port);

            Holder Initialized() => new Holder { Listener = TcpListener.Create(8081) };

            void Run(Func<int, TcpListener> factory)
            {
                Run(port => TcpListener.Create(port));
                using var scoped = new ListenerScope(TcpListener.Create(8082));
            }
        }

        sealed class ListenerScope(TcpListener listener) : IDisposable
        {
            public void Dispose() => listener.Dispose();
        }
        """);

    [Fact]
    public Task A_using_declaration_keeps_its_using_and_comment_and_binds_in_the_next_statement() => Wildcard().WithSource("""
        class Server
        {
            async Task ReceiveAsync(int port)
            {
                using var udp = [|new UdpClient(port)|]; // one datagram
                await udp.ReceiveAsync();
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            async Task ReceiveAsync(int port)
            {
                using var udp = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } }; // one datagram
                udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                await udp.ReceiveAsync();
            }
        }
        """);

    // A subclass binds through base(...): the fix is made in its constructor, an expression body becoming a block.
    [Fact]
    public Task Listener_subclasses_become_dual_mode_in_their_own_constructors() => Wildcard().WithSource("""
        #pragma warning disable CS0618
        sealed class DiscoveryClient : UdpClient
        {
            // the discovery port
            public DiscoveryClient(int port) [|: base(port)|]
            {
                DontFragment = true;
            }
        }

        sealed class EndPointClient : UdpClient
        {
            public EndPointClient(int port) [|: base(new IPEndPoint(IPAddress.Any, port))|] => Ttl = 4;
        }

        sealed class PortListener : TcpListener
        {
            public PortListener(int port) [|: base(port)|]
            {
            }
        }
        """).ShouldFixAllToAsync(FixAllScope.Document, """
        #pragma warning disable CS0618
        sealed class DiscoveryClient : UdpClient
        {
            // the discovery port
            public DiscoveryClient(int port) : base(AddressFamily.InterNetworkV6)
            {
                Client.DualMode = true;
                Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                DontFragment = true;
            }
        }

        sealed class EndPointClient : UdpClient
        {
            public EndPointClient(int port) : base(AddressFamily.InterNetworkV6)
            {
                Client.DualMode = true;
                Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                Ttl = 4;
            }
        }

        sealed class PortListener : TcpListener
        {
            public PortListener(int port) : base(IPAddress.IPv6Any, port)
            {
                Server.DualMode = true;
            }
        }
        """);

    // The wildcard as one arm of the listener's own address (a configured address or the IPv4 default, a loopback or
    // the wildcard): that arm becomes IPv6Any and the socket dual-mode when it is IPv6; the other arm stays as written.
    [Fact]
    public Task The_wildcard_arm_of_a_listener_s_own_address_becomes_IPv6Any_with_a_guarded_DualMode() => Wildcard().WithSource("""
        sealed class ChatServer
        {
            private TcpListener? _listener;

            public IPAddress? ServerIp { get; set; }

            public void Run(int port)
            {
                try
                {
                    _listener = [|new(ServerIp ?? IPAddress.Any, port)|];
                    _listener.Start();
                }
                catch (SocketException)
                {
                }
            }

            public void Admin(bool local, int port)
            {
                var admin = [|new TcpListener(local ? IPAddress.Loopback : IPAddress.Any, port)|];
                admin.Start();
            }
        }
        """).ShouldFixAllToAsync(FixAllScope.Document, """
        sealed class ChatServer
        {
            private TcpListener? _listener;

            public IPAddress? ServerIp { get; set; }

            public void Run(int port)
            {
                try
                {
                    _listener = new(ServerIp ?? IPAddress.IPv6Any, port);
                    if (_listener.Server.AddressFamily == AddressFamily.InterNetworkV6)
                    {
                        _listener.Server.DualMode = true;
                    }

                    _listener.Start();
                }
                catch (SocketException)
                {
                }
            }

            public void Admin(bool local, int port)
            {
                var admin = new TcpListener(local ? IPAddress.Loopback : IPAddress.IPv6Any, port);
                if (admin.Server.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    admin.Server.DualMode = true;
                }

                admin.Start();
            }
        }
        """);
}
