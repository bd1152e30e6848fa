using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.Analyzers.Tests.Fixes;

/// <summary>
/// A rule that follows values reports where a person chose the value (the origin, marked <c>{|ORIGIN:...|}</c>) with
/// the sink as <c>AdditionalLocations[0]</c>. The fixers find the sink from such a diagnostic, alone and in FixAll, and
/// fix exactly what they fix for a diagnostic at the sink.
/// </summary>
public sealed class OriginDiagnosticFixTests
{
    [Fact]
    public Task A_wildcard_listener_reported_at_its_address_is_fixed_at_the_creation() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>()
        .WithCodeFix<IPv4OnlyWildcardListenerCodeFixProvider>().WithDiagnosticsAtOrigin().WithSource("""
        class Server
        {
            readonly int _port = {|ORIGIN:8080|};

            TcpListener Start() => [|new TcpListener(IPAddress.Any, _port)|];
        }
        """).ShouldFixToAsync("""
        class Server
        {
            readonly int _port = 8080;

            TcpListener Start() => TcpListener.Create(_port);
        }
        """);

    [Fact]
    public Task A_remote_address_reported_where_it_is_read_is_normalized_where_it_is_used() => Verify.Analyzer<UnnormalizedRemoteAddressAnalyzer>()
        .WithCodeFix<UnnormalizedRemoteAddressCodeFixProvider>().WithDiagnosticsAtOrigin().WithSource("""
        class Server
        {
            bool IsLocal(Socket accepted)
            {
                var remote = {|ORIGIN:(IPEndPoint)accepted.RemoteEndPoint!|};
                return [|remote.Address|] == IPAddress.Loopback;
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            bool IsLocal(Socket accepted)
            {
                var remote = (IPEndPoint)accepted.RemoteEndPoint!;
                return (remote.Address switch { { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4(), var address => address }) == IPAddress.Loopback;
            }
        }
        """);

    [Fact]
    public Task An_IPv6_wildcard_reported_at_its_creation_gets_DualMode_before_the_bind() => Verify.Analyzer<IPv6WildcardWithoutDualModeAnalyzer>()
        .WithCodeFix<IPv6WildcardWithoutDualModeCodeFixProvider>().WithDiagnosticsAtOrigin().WithSource("""
        class Server
        {
            void Listen(int port)
            {
                var socket = {|ORIGIN:new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp)|};
                [|socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port))|];
                socket.Listen();
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
            }
        }
        """);

    [Fact]
    public Task Fix_all_over_origin_diagnostics_fixes_every_sink() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>()
        .WithCodeFix<IPv4OnlyWildcardListenerCodeFixProvider>().WithDiagnosticsAtOrigin().WithSource("""
        class Server
        {
            readonly int _port = {|ORIGIN:8080|};

            TcpListener Main() => [|new TcpListener(IPAddress.Any, _port)|];

            UdpClient Discovery() => [|new UdpClient(_port + 1)|];
        }
        """).ShouldFixAllToAsync(FixAllScope.Document, """
        class Server
        {
            readonly int _port = 8080;

            TcpListener Main() => TcpListener.Create(_port);

            UdpClient Discovery() => CreateDualModeUdpClient(_port + 1);

            private static UdpClient CreateDualModeUdpClient(int port)
            {
                var client = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return client;
            }
        }
        """);

    // Today's analysis does not follow fields: the diagnostic the redesigned one reports at the assignment is injected.
    [Fact]
    public Task An_IPv4_wildcard_assigned_in_a_constructor_is_fixed_there_and_the_listener_made_dual_mode() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>()
        .WithCodeFix<IPv4OnlyWildcardListenerCodeFixProvider>().WithMarkedDiagnosticsInjected().WithDiagnosticsAtOrigin().WithSource("""
        class Server
        {
            private readonly IPAddress _address;
            private readonly int _port;
            private TcpListener? _listener;

            public Server(string host, int port)
            {
                if (host == "*" || host == "")
                {
                    _address = {|ORIGIN:IPAddress.Any|}; // every interface
                }
                else
                {
                    _address = host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
                }

                _port = port;
            }

            public void Start()
            {
                _listener = [|new TcpListener(_address, _port)|];
                _listener.Start();
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            private readonly IPAddress _address;
            private readonly int _port;
            private TcpListener? _listener;

            public Server(string host, int port)
            {
                if (host == "*" || host == "")
                {
                    _address = IPAddress.IPv6Any; // every interface
                }
                else
                {
                    _address = host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
                }

                _port = port;
            }

            public void Start()
            {
                _listener = new TcpListener(_address, _port);
                if (_listener.Server.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    _listener.Server.DualMode = true;
                }

                _listener.Start();
            }
        }
        """);
}
