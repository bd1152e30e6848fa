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

    private const string TwoListenersOneOrigin = """
        class Server
        {
            private readonly IPAddress _address;
            private TcpListener? _main;
            private TcpListener? _admin;

            public Server(bool any)
            {
                _address = any ? [|[|IPAddress.Any|]|] : IPAddress.Loopback;
            }

            public void Start(int port)
            {
                _main = new TcpListener(_address, port);
                _main.Start();
            }

            public void StartAdmin(int port)
            {
                _admin = new TcpListener(_address, port + 1);
                _admin.Start();
            }
        }
        """;

    private const string TwoListenersOneOriginFixed = """
        class Server
        {
            private readonly IPAddress _address;
            private TcpListener? _main;
            private TcpListener? _admin;

            public Server(bool any)
            {
                _address = any ? IPAddress.IPv6Any : IPAddress.Loopback;
            }

            public void Start(int port)
            {
                _main = new TcpListener(_address, port);
                if (_main.Server.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    _main.Server.DualMode = true;
                }

                _main.Start();
            }

            public void StartAdmin(int port)
            {
                _admin = new TcpListener(_address, port + 1);
                if (_admin.Server.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    _admin.Server.DualMode = true;
                }

                _admin.Start();
            }
        }
        """;

    // One origin, two listeners: a diagnostic for each, each naming its own listener, so FixAll makes both dual-mode.
    // The wildcard is one arm of a choice: the loopback arm keeps its listener on the loopback (no TcpListener.Create).
    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    public Task Fix_all_over_an_origin_that_reaches_two_listeners_makes_both_dual_mode(FixAllScope scope) => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>()
        .WithCodeFix<IPv4OnlyWildcardListenerCodeFixProvider>().WithSource(TwoListenersOneOrigin).ShouldFixAllToAsync(scope, TwoListenersOneOriginFixed);

    // The lightbulb on either diagnostic fixes the origin and every listener it reaches: after it, no DSG0002 is left to
    // lead anyone to the other listener, which would otherwise serve IPv6 alone.
    [Fact]
    public Task One_fix_at_an_origin_that_reaches_two_listeners_makes_both_dual_mode() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>()
        .WithCodeFix<IPv4OnlyWildcardListenerCodeFixProvider>().WithSource(TwoListenersOneOrigin).ShouldFixToAsync(TwoListenersOneOriginFixed);

    [Fact]
    public async Task Each_diagnostic_of_an_origin_that_reaches_two_listeners_names_its_own_listener()
    {
        System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> diagnostics = await Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>().WithSource(TwoListenersOneOrigin).GetDiagnosticsAsync();
        Assert.Equal(2, diagnostics.Length);
        Assert.Equal(diagnostics[0].Location, diagnostics[1].Location);
        string[] messages = [.. System.Linq.Enumerable.Select(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Single(messages, message => message.Contains("'new TcpListener(_address, port)' in Server.Start", System.StringComparison.Ordinal));
        Assert.Single(messages, message => message.Contains("'new TcpListener(_address, port + 1)' in Server.StartAdmin", System.StringComparison.Ordinal));
        Assert.NotEqual(diagnostics[0].AdditionalLocations[0], diagnostics[1].AdditionalLocations[0]);
    }

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

    // The endpoint a constructor builds, bound by new TcpListener(endPoint): the same guard follows the listener.
    [Fact]
    public Task An_IPv4_wildcard_endpoint_built_in_a_constructor_is_fixed_there_and_the_listener_made_dual_mode() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>()
        .WithCodeFix<IPv4OnlyWildcardListenerCodeFixProvider>().WithSource("""
        class Server
        {
            private readonly IPEndPoint _endPoint;
            private TcpListener? _listener;

            public Server(string? host, int port)
            {
                _endPoint = new IPEndPoint(host is null ? [|IPAddress.Any|] : IPAddress.Parse(host), port);
            }

            public void Start()
            {
                _listener = new TcpListener(_endPoint);
                _listener.Start();
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            private readonly IPEndPoint _endPoint;
            private TcpListener? _listener;

            public Server(string? host, int port)
            {
                _endPoint = new IPEndPoint(host is null ? IPAddress.IPv6Any : IPAddress.Parse(host), port);
            }

            public void Start()
            {
                _listener = new TcpListener(_endPoint);
                if (_listener.Server.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    _listener.Server.DualMode = true;
                }

                _listener.Start();
            }
        }
        """);

    // dotnet format starts FixAll from the first diagnostic it holds, with the equivalence key of that diagnostic's first
    // fix, or none when it has no fix: the fixable diagnostics after it are fixed all the same.
    [Fact]
    public Task Fix_all_started_from_a_diagnostic_without_a_fix_still_fixes_the_others() => Verify.Analyzer<IPv4OnlyWildcardListenerAnalyzer>()
        .WithCodeFix<IPv4OnlyWildcardListenerCodeFixProvider>().WithSource("""
        sealed class TftpServer
        {
            public UdpClient Start(bool local) => Channels.CreateServer(new IPEndPoint([|IPAddress.Any|], 69), local);
        }
        """).WithSource("""
        static class Channels
        {
            public static UdpClient CreateServer(IPEndPoint localAddress, bool local) => new UdpClient(local ? new IPEndPoint(IPAddress.Loopback, 69) : localAddress);

            public static UdpClient CreateConnection(IPEndPoint remoteAddress)
            {
                IPEndPoint localAddress = new IPEndPoint([|IPAddress.Any|], 0);
                var client = new UdpClient(localAddress);
                client.Connect(remoteAddress);
                return client;
            }
        }
        """).ShouldFixAllAsDotnetFormatToAsync("""
        sealed class TftpServer
        {
            public UdpClient Start(bool local) => Channels.CreateServer(new IPEndPoint(IPAddress.Any, 69), local);
        }
        """, """
        static class Channels
        {
            public static UdpClient CreateServer(IPEndPoint localAddress, bool local) => new UdpClient(local ? new IPEndPoint(IPAddress.Loopback, 69) : localAddress);

            public static UdpClient CreateConnection(IPEndPoint remoteAddress)
            {
                IPEndPoint localAddress = new IPEndPoint(IPAddress.Any, 0);
                var client = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
                client.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, localAddress.Port));
                client.Connect(remoteAddress);
                return client;
            }
        }
        """);
}
