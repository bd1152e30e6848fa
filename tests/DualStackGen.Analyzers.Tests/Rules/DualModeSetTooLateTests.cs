using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0005: DualMode set after the bind, or on an IPv4 socket.</summary>
public sealed class DualModeSetTooLateTests
{
    private static AnalyzerVerifier Analyzer() => Verify.Analyzer<DualModeSetTooLateAnalyzer>().WithCodeFix<DualModeSetTooLateCodeFixProvider>();

    [Fact]
    public Task DualMode_after_bind_listen_connect_or_start_is_reported() => Analyzer().WithSource("""
        class Server
        {
            Socket _field = new Socket(SocketType.Stream, ProtocolType.Tcp);

            void Bound(Socket socket, int port)
            {
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                [|socket.DualMode = true|];
            }

            void Connected(IPEndPoint remote)
            {
                _field.Connect(remote);
                [|_field.DualMode = true|];
            }

            void Started(int port)
            {
                var listener = new TcpListener(IPAddress.IPv6Any, port);
                listener.Start();
                [|listener.Server.DualMode = true|];
            }

            void IPv4Socket()
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                [|socket.DualMode = true|];
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task DualMode_on_the_IPv4_socket_of_a_UdpClient_or_TcpClient_is_reported() => Analyzer().WithSource("""
        class Channels
        {
            UdpClient Default(int port)
            {
                var udp = new UdpClient();
                [|udp.Client.DualMode = true|];
                udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return udp;
            }

            UdpClient V4()
            {
                var udp = new UdpClient(AddressFamily.InterNetwork);
                [|udp.Client.DualMode = true|];
                return udp;
            }

            TcpClient Tcp()
            {
                var tcp = new TcpClient(AddressFamily.InterNetwork);
                [|tcp.Client.DualMode = true|];
                return tcp;
            }

            void Silent(UdpClient passedIn)
            {
                var v6 = new UdpClient(AddressFamily.InterNetworkV6);
                v6.Client.DualMode = true;
                var tcp = new TcpClient();
                tcp.Client.DualMode = true;
                passedIn.Client.DualMode = true;
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task DualMode_before_the_bind_or_on_another_socket_is_silent() => Analyzer().WithSource("""
        class Server
        {
            void Listen(int port, Socket other)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.DualMode = true;
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                other.Bind(new IPEndPoint(IPAddress.IPv6Any, port + 1));
                var second = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                second.DualMode = true;
                var listener = new TcpListener(IPAddress.IPv6Any, port);
                listener.Server.DualMode = true;
                listener.Start();
                var unknownFamily = new Socket(other.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                unknownFamily.DualMode = false;
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_bind_on_another_path_or_of_a_replaced_socket_is_not_before_the_assignment() => Analyzer().WithSource("""
        class Server
        {
            void Branches(bool ipv4Only, int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                if (ipv4Only)
                {
                    socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));
                }
                else
                {
                    socket.DualMode = true;
                    socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                }
            }

            void Replaced(int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));
                socket.Dispose();
                socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.DualMode = true;
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }

            void BoundFirstThenBranch(bool dual, int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                if (dual)
                {
                    [|socket.DualMode = true|];
                }
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_fix_moves_DualMode_before_the_bind_and_makes_IPv4_sockets_IPv6() => Analyzer().WithSource("""
        class Server
        {
            void Late(int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                socket.Listen();
                [|socket.DualMode = true|];
            }

            void IPv4(int port)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                [|socket.DualMode = true|];
                socket.Bind(new IPEndPoint(IPAddress.Any, port));
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            void Late(int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.DualMode = true;
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                socket.Listen();
            }

            void IPv4(int port)
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                socket.DualMode = true;
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            }
        }
        """);

    [Fact]
    public Task DualMode_in_the_initializer_of_an_IPv4_socket_is_reported() => Analyzer().WithSource("""
        class Sockets
        {
            Socket Tcp() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { [|DualMode = true|] };
            UdpClient Udp() => new UdpClient(AddressFamily.InterNetwork) { Client = { [|DualMode = true|] } };
            Socket Right() => new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_fix_gives_an_IPv4_UdpClient_or_TcpClient_the_IPv6_family() => Analyzer().WithSource("""
        class Channels
        {
            UdpClient Default(int port)
            {
                var udp = new UdpClient();
                [|udp.Client.DualMode = true|];
                udp.Client.Bind(new IPEndPoint(IPAddress.Any, port));
                return udp;
            }

            TcpClient Tcp()
            {
                var tcp = new TcpClient(AddressFamily.InterNetwork);
                [|tcp.Client.DualMode = true|];
                return tcp;
            }
        }
        """).ShouldFixToAsync("""
        class Channels
        {
            UdpClient Default(int port)
            {
                var udp = new UdpClient(AddressFamily.InterNetworkV6);
                udp.Client.DualMode = true;
                udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return udp;
            }

            TcpClient Tcp()
            {
                var tcp = new TcpClient(AddressFamily.InterNetworkV6);
                tcp.Client.DualMode = true;
                return tcp;
            }
        }
        """);

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task Fix_all_moves_every_late_DualMode_in_scope(FixAllScope scope)
    {
        const string First = """
            class A
            {
                void Listen(Socket tcp, Socket udp, int port)
                {
                    tcp.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                    udp.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                    [|tcp.DualMode = true|];
                    [|udp.DualMode = true|];
                }
            }
            """;
        const string Second = """
            class B
            {
                void Listen(Socket socket)
                {
                    socket.Listen();
                    [|socket.DualMode = true|];
                }
            }
            """;
        const string FirstFixed = """
            class A
            {
                void Listen(Socket tcp, Socket udp, int port)
                {
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
                void Listen(Socket socket)
                {
                    socket.DualMode = true;
                    socket.Listen();
                }
            }
            """;
        return scope switch
        {
            FixAllScope.Document => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, Second.Replace("[|", "").Replace("|]", "")),
            FixAllScope.Project => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
            _ => Analyzer().WithSource(First).WithSourceInProject(Second, 1).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
        };
    }

    // new UdpClient(localPort, family) binds in its constructor: DualMode on its Client afterwards fails with EINVAL on
    // that path, whatever the other arm does; new UdpClient(family) is created unbound and is fine.
    [Fact]
    public Task DualMode_on_the_socket_of_a_client_its_constructor_bound_is_reported() => Verify.Analyzer<DualModeSetTooLateAnalyzer>().WithSource("""
        sealed class UdpWrapper
        {
            private readonly UdpClient _client;

            public UdpWrapper(int localPort, AddressFamily family)
            {
                _client = localPort == 0 ? new UdpClient(family) : new UdpClient(localPort, family);
                if (family == AddressFamily.InterNetworkV6)
                {
                    [|_client.Client.DualMode = true|];
                }
            }

            public static TcpClient Bound(IPEndPoint local)
            {
                var client = new TcpClient(local);
                [|client.Client.DualMode = true|];
                return client;
            }

            public static UdpClient Unbound()
            {
                var client = new UdpClient(AddressFamily.InterNetworkV6);
                client.Client.DualMode = true;
                client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
                return client;
            }
        }
        """).ShouldReportAsync();
}
