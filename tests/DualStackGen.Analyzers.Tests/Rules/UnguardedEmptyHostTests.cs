using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0003: an empty host — literal, or possible and unchecked — reaching the resolve APIs or a server attribute.</summary>
public sealed class UnguardedEmptyHostTests
{
    private static AnalyzerVerifier Analyzer() => Verify.Analyzer<UnguardedEmptyHostAnalyzer>().WithCodeFix<UnguardedEmptyHostCodeFixProvider>();

    [Fact]
    public Task A_literal_empty_host_in_a_server_attribute_is_reported() => Analyzer().WithRuntimeReference().WithSource("""
        using DualStackGen;

        [TcpServer([|""|], 8080)]
        partial class TcpEcho { }

        [UdpServer([|""|], 5353, Mode = ListenMode.Auto)]
        partial class UdpEcho { }

        [TcpServer("::", 8081)]
        partial class Fine { }
        """).ShouldReportAsync();

    [Fact]
    public Task The_attribute_fix_writes_the_any_address_in_DualStack_mode() => Analyzer().WithRuntimeReference().WithSource("""
        using DualStackGen;

        [TcpServer([|""|], 8080)]
        partial class TcpEcho { }

        [UdpServer([|""|], 5353, Mode = ListenMode.Auto)]
        partial class UdpEcho { }
        """).ShouldFixToAsync("""
        using DualStackGen;

        [TcpServer("::", 8080, Mode = ListenMode.DualStack)]
        partial class TcpEcho { }

        [UdpServer("::", 5353, Mode = ListenMode.DualStack)]
        partial class UdpEcho { }
        """);

    // Settings read from a file hold what the file says: the initializer is a default, even on an internal type. The same
    // settings made with new keep their initializer.
    [Fact]
    public Task A_property_of_deserialized_settings_can_be_empty_whatever_its_initializer() => Analyzer().WithSource("""
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;

        internal sealed class AppSetting
        {
            public string IpAddress { get; set; } = "127.0.0.1";
            public int Port { get; set; } = 5000;
        }

        internal static class Program
        {
            static AppSetting appSetting = new AppSetting();

            static async Task Main()
            {
                using (FileStream file = File.OpenRead("appsettings.json"))
                {
                    appSetting = await JsonSerializer.DeserializeAsync<AppSetting>(file) ?? new AppSetting();
                }

                var listener = new TcpListener(IPAddress.Parse([|appSetting.IpAddress|]), appSetting.Port);
                listener.Start();
            }

            static TcpListener Defaults()
            {
                var local = new AppSetting();
                return new TcpListener(IPAddress.Parse(local.IpAddress), local.Port);
            }
        }
        """).ShouldReportAsync();

    // A client resolving "" connects to this machine's own addresses; a body that also listens is still reported.
    [Fact]
    public Task A_literal_empty_host_resolved_only_to_connect_is_silent() => Analyzer().WithSource("""
        class ChatClient
        {
            async Task ConnectAsync()
            {
                IPHostEntry entry = await Dns.GetHostEntryAsync("");
                var endPoint = new IPEndPoint(entry.AddressList[0], 11000);
                using var client = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                await client.ConnectAsync(endPoint);
            }
        }

        class Relay
        {
            async Task RunAsync(Socket upstream)
            {
                IPHostEntry entry = await Dns.GetHostEntryAsync([|""|]);
                var listener = new TcpListener(entry.AddressList[0], 11000);
                listener.Start();
                await upstream.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, 11001));
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_literal_empty_host_given_to_a_resolve_API_is_reported_and_becomes_any() => Analyzer().WithSource("""
        class Server
        {
            async Task Resolve()
            {
                var addresses = Dns.GetHostAddresses([|""|]);
                var entry = Dns.GetHostEntry([|""|]);
                var parsed = IPAddress.Parse([|""|]);
                var later = await Dns.GetHostAddressesAsync([|""|]);
                var entryLater = await Dns.GetHostEntryAsync([|""|]);
            }
        }
        """).ShouldFixToAsync("""
        class Server
        {
            async Task Resolve()
            {
                var addresses = Dns.GetHostAddresses("::");
                var entry = Dns.GetHostEntry("::");
                var parsed = IPAddress.Parse("::");
                var later = await Dns.GetHostAddressesAsync("::");
                var entryLater = await Dns.GetHostEntryAsync("::");
            }
        }
        """);

    // "::" alone is IPv6Any: the listener the endpoint reaches would then serve IPv6 only (DSG0009), so the same fix makes
    // it dual-mode, and a second pass of every rule finds nothing.
    private const string EmptyEndPointField = """
        class Lobby
        {
            private const int Port = 8080;
            private IPEndPoint _local = new IPEndPoint(IPAddress.Parse([|""|]), Port);
            private TcpListener? _server;

            void Start()
            {
                _server = new TcpListener(_local);
                _server.Start();
            }
        }
        """;

    private const string EmptyEndPointFieldFixed = """
        class Lobby
        {
            private const int Port = 8080;
            private IPEndPoint _local = new IPEndPoint(IPAddress.Parse("::"), Port);
            private TcpListener? _server;

            void Start()
            {
                _server = new TcpListener(_local);
                if (_server.Server.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    _server.Server.DualMode = true;
                }

                _server.Start();
            }
        }
        """;

    [Fact]
    public Task A_literal_empty_host_becomes_any_and_the_listener_it_reaches_dual_mode() =>
        Analyzer().WithSource(EmptyEndPointField).ShouldFixToAsync(EmptyEndPointFieldFixed);

    [Fact]
    public Task The_fixed_empty_host_leaves_no_IPv6_only_listener() =>
        Verify.Analyzer<IPv6WildcardWithoutDualModeAnalyzer>().WithSource(EmptyEndPointFieldFixed).ShouldReportAsync();

    [Fact]
    public Task Before_the_fix_the_any_host_alone_would_leave_an_IPv6_only_listener() =>
        Verify.Analyzer<IPv6WildcardWithoutDualModeAnalyzer>().WithSource(EmptyEndPointField.Replace("IPAddress.Parse([|\"\"|])", "[|IPAddress.Parse(\"::\")|]"))
            .ShouldReportAsync();

    // A UdpClient binds on creation, before any DualMode could be set: the host is fixed, and the client keeps DSG0009 and
    // its own fix.
    [Fact]
    public Task A_client_bound_on_creation_is_left_to_its_own_rule() => Analyzer().WithSource("""
        class Beacon
        {
            UdpClient Open(string host) => new UdpClient(new IPEndPoint(IPAddress.Parse([|host|]), 9999));
        }
        """).ShouldFixToAsync("""
        class Beacon
        {
            UdpClient Open(string host) => new UdpClient(new IPEndPoint(IPAddress.Parse(string.IsNullOrEmpty(host) ? "::" : host), 9999));
        }
        """);

    // arg?.Trim() is null when arg is, and empty when arg is blank: the same unchecked host as arg.Trim() (trial Y, a Modbus
    // server's bind argument); a check on arg before it still guards it.
    [Fact]
    public Task A_host_read_through_a_null_conditional_call_is_reported_unless_checked() => Analyzer().WithSource("""
        class ModbusServer
        {
            void Start(string? arg)
            {
                string? bindIp = arg?.Trim();
                new TcpListener(IPAddress.Parse([|bindIp|]!), 502).Start();
            }

            void StartChecked(string? arg)
            {
                if (string.IsNullOrEmpty(arg))
                {
                    return;
                }

                string? bindIp = arg?.Trim();
                new TcpListener(IPAddress.Parse(bindIp!), 503).Start();
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_host_from_a_parameter_field_or_environment_resolved_and_bound_unchecked_is_reported() => Analyzer().WithSource("""
        class Server
        {
            string _host = "";

            TcpListener FromParameter(string host, int port) => new TcpListener(IPAddress.Parse([|host|]), port);

            void FromField(Socket socket, int port) => socket.Bind(new IPEndPoint(Dns.GetHostAddresses([|_host|])[0], port));

            async Task FromEnvironment(Socket socket, int port)
            {
                string host = Environment.GetEnvironmentVariable("HOST") ?? "";
                IPAddress[] addresses = await Dns.GetHostAddressesAsync([|host|]);
                var endPoint = new IPEndPoint(addresses.First(), port);
                socket.Bind(endPoint);
            }

            UdpClient FromArguments(string[] args) => new UdpClient(new IPEndPoint(Dns.GetHostEntry([|args[0]|]).AddressList[0], 53));
        }
        """).ShouldReportAsync();

    [Fact]
    public Task Guarded_hosts_literal_hosts_and_client_lookups_are_silent() => Analyzer().WithSource("""
        class Server
        {
            TcpListener NullOrEmpty(string host, int port)
            {
                if (string.IsNullOrEmpty(host))
                {
                    host = "::";
                }

                return new TcpListener(IPAddress.Parse(host), port);
            }

            TcpListener WhiteSpace(string host, int port) =>
                new TcpListener(IPAddress.Parse(string.IsNullOrWhiteSpace(host) ? "::" : host), port);

            TcpListener ComparedWithEmpty(string host, int port)
            {
                if (host == "") throw new ArgumentException("empty host");
                return new TcpListener(IPAddress.Parse(host), port);
            }

            TcpListener LengthChecked(string host, int port)
            {
                if (host.Length == 0) host = "::";
                return new TcpListener(IPAddress.Parse(host), port);
            }

            TcpListener Pattern(string? configured, int port)
            {
                string host = configured is { Length: > 0 } value ? value : "::";
                return new TcpListener(IPAddress.Parse(host), port);
            }

            TcpListener Literal(int port) => new TcpListener(IPAddress.Parse("::1"), port);

            void Client(Socket socket, string host, int port) => socket.Connect(Dns.GetHostAddresses(host), port);

            IPAddress ParsedNotBound(string text) => IPAddress.Parse(text);
        }
        """).ShouldReportAsync();

    // The endpoint is handed to the server through its interface: the implementation's parameter is given what the
    // interface's callers pass.
    [Fact]
    public Task A_host_parsed_for_an_endpoint_passed_through_an_interface_method_is_reported() => Analyzer().WithSource(InterfaceServer.Source + """
        public sealed class ViewerOptions
        {
            public string Address { get; set; } = "127.0.0.1";

            public int Port { get; set; } = 5900;
        }

        public sealed class ViewerWorker
        {
            private readonly IViewerServer _server;
            private readonly ViewerOptions _options;

            public ViewerWorker(IViewerServer server, ViewerOptions options)
            {
                _server = server;
                _options = options;
            }

            public void Run() => _server.Start(new IPEndPoint(IPAddress.Parse([|_options.Address|]), _options.Port));
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_public_field_host_and_a_word_pattern_that_lets_empty_through_are_reported() => Analyzer().WithSource("""
        public class Transport
        {
            public string ListenAddress = "0.0.0.0";

            public Socket Start(int port)
            {
                var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Parse([|ListenAddress|]), port));
                return socket;
            }
        }

        public class PrefixServer
        {
            private readonly string _host;

            public PrefixServer(string prefix) => _host = prefix.Substring(prefix.IndexOf("://", StringComparison.Ordinal) + 3);

            public TcpListener Start(int port) => new TcpListener(_host is "+" or "*" ? IPAddress.IPv6Any : IPAddress.Parse([|_host|]), port);
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_host_a_settings_dictionary_hands_back_is_reported_unless_checked() => Analyzer().WithSource("""
        class Worker
        {
            private readonly Dictionary<string, string> _settings = new();

            TcpListener Unchecked()
            {
                string bind = _settings.TryGetValue("bind", out string? configured) ? configured : "::";
                return new TcpListener(IPAddress.Parse([|bind|]), 9100);
            }

            TcpListener Checked()
            {
                string bind = _settings.TryGetValue("bind", out string? configured) && !string.IsNullOrEmpty(configured) ? configured : "::";
                return new TcpListener(IPAddress.Parse(bind), 9100);
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_uri_host_and_a_read_only_field_with_its_default_are_silent() => Analyzer().WithSource("""
        public class WebSocketServer
        {
            private readonly IPAddress _address;
            private readonly string _fixed = "::";

            public WebSocketServer(string location)
            {
                var uri = new Uri(location);
                string host = uri.Host;
                _address = host == "0.0.0.0" ? IPAddress.IPv6Any : IPAddress.Parse(host);
            }

            public Socket Start(int port)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(_address, port));
                socket.Bind(new IPEndPoint(IPAddress.Parse(_fixed), port + 1));
                return socket;
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_guard_fix_maps_an_empty_host_to_any() => Analyzer().WithSource("""
        class Server
        {
            TcpListener Listen(string host, int port) => new TcpListener(IPAddress.Parse([|host|]), port);

            UdpClient FromArguments(string[] args) => new UdpClient(new IPEndPoint(Dns.GetHostEntry([|args[0]|]).AddressList[0], 53));
        }
        """).ShouldFixToAsync("""
        class Server
        {
            TcpListener Listen(string host, int port) => new TcpListener(IPAddress.Parse(string.IsNullOrEmpty(host) ? "::" : host), port);

            UdpClient FromArguments(string[] args) => new UdpClient(new IPEndPoint(Dns.GetHostEntry(string.IsNullOrEmpty(args[0]) ? "::" : args[0]).AddressList[0], 53));
        }
        """);

    // The host is reported in the overloads that parse it, the listener in the overload they call is only named: the guard
    // goes on each host, and the listener they reach becomes dual-mode once, for the "::" either can now be.
    [Fact]
    public Task Hosts_parsed_in_overloads_apart_from_the_listener_are_guarded_where_they_are_reported() => Analyzer().WithSource("""
        class Server
        {
            private TcpListener? _listener;

            public void Start(string ip, int port) => Start(IPAddress.Parse([|ip|]), port, 100);

            public void Start(string ip, int port, int maxConnections) => Start(IPAddress.Parse([|ip|]), port, maxConnections);

            public void Start(IPAddress ip, int port, int maxConnections)
            {
                _listener = new TcpListener(ip, port);
                _listener.Start(maxConnections);
            }
        }
        """).ShouldFixAllAsDotnetFormatToAsync("""
        class Server
        {
            private TcpListener? _listener;

            public void Start(string ip, int port) => Start(IPAddress.Parse(string.IsNullOrEmpty(ip) ? "::" : ip), port, 100);

            public void Start(string ip, int port, int maxConnections) => Start(IPAddress.Parse(string.IsNullOrEmpty(ip) ? "::" : ip), port, maxConnections);

            public void Start(IPAddress ip, int port, int maxConnections)
            {
                _listener = new TcpListener(ip, port);
                if (_listener.Server.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    _listener.Server.DualMode = true;
                }

                _listener.Start(maxConnections);
            }
        }
        """);

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task Fix_all_guards_every_host_in_scope(FixAllScope scope)
    {
        const string First = """
            class A
            {
                TcpListener One(string host) => new TcpListener(IPAddress.Parse([|host|]), 1);
                TcpListener Two(string host) => new TcpListener(IPAddress.Parse([|host|]), 2);
            }
            """;
        const string Second = """
            class B
            {
                IPAddress[] Three() => Dns.GetHostAddresses([|""|]);
            }
            """;
        const string FirstFixed = """
            class A
            {
                TcpListener One(string host) => new TcpListener(IPAddress.Parse(string.IsNullOrEmpty(host) ? "::" : host), 1);
                TcpListener Two(string host) => new TcpListener(IPAddress.Parse(string.IsNullOrEmpty(host) ? "::" : host), 2);
            }
            """;
        const string SecondFixed = """
            class B
            {
                IPAddress[] Three() => Dns.GetHostAddresses("::");
            }
            """;
        return scope switch
        {
            FixAllScope.Document => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, Second.Replace("[|", "").Replace("|]", "")),
            FixAllScope.Project => Analyzer().WithSource(First).WithSource(Second).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
            _ => Analyzer().WithSource(First).WithSourceInProject(Second, 1).ShouldFixAllToAsync(scope, FirstFixed, SecondFixed),
        };
    }

    // The constructor copies the host to a field and checks the field; the lookup reads the parameter it was copied from.
    [Fact]
    public Task A_host_checked_through_the_field_it_was_copied_to_is_silent() => Verify.Analyzer<UnguardedEmptyHostAnalyzer>().WithSource("""
        public sealed class Server
        {
            private readonly string _host;
            private readonly IPAddress _address;

            public Server(string host, int port)
            {
                _host = host;
                if (string.IsNullOrEmpty(_host))
                {
                    _address = IPAddress.Loopback;
                }
                else
                {
                    _address = Dns.GetHostEntry(host).AddressList[0];
                }

                new TcpListener(_address, port).Start();
            }
        }
        """).ShouldReportAsync();

    // The machine's own name is never empty: what it resolves to is DSG0008's concern, not an empty host.
    [Fact]
    public Task The_machine_name_resolved_and_bound_is_silent() => Verify.Analyzer<UnguardedEmptyHostAnalyzer>().WithSource("""
        class LanServer
        {
            void Start(int port)
            {
                IPAddress local = Dns.GetHostEntry(Dns.GetHostName()).AddressList[0];
                new TcpListener(local, port).Start();
                IPAddress named = Dns.GetHostAddresses(System.Environment.MachineName)[0];
                new TcpListener(named, port + 1).Start();
            }
        }
        """).ShouldReportAsync();

    // The host part of "host:port" cut at its colon is DSG0007's finding at the split, whose fix parses the whole
    // endpoint; a whole argument or setting parsed as the host is this rule's.
    [Fact]
    public Task The_host_part_of_an_endpoint_split_at_a_colon_is_left_to_the_split() => Verify.Analyzer<UnguardedEmptyHostAnalyzer>().WithSource("""
        static class Program
        {
            static void Main(string[] args)
            {
                string[] parts = args[0].Split(':');
                new TcpListener(IPAddress.Parse(parts[0]), int.Parse(parts[1])).Start();

                string? line = Console.ReadLine();
                new TcpListener(IPAddress.Parse(line!.Split(":")[0]), 7550).Start();

                foreach (string bind in args)
                {
                    string[] fields = bind.Split(new[] { ':' }, 3);
                    new UdpClient(new IPEndPoint(IPAddress.Parse(fields[1]), int.Parse(fields[2])));
                }

                new TcpListener(IPAddress.Parse([|args[1]|]), 8080).Start();
            }
        }
        """).ShouldReportAsync();

    // The Client's args[0] parsed into the base's protected field is a Client instance's address: the Server that
    // listens on the field never holds it.
    [Fact]
    public Task A_host_a_sibling_subclass_parses_into_the_inherited_field_is_not_the_listener_s() => Verify.Analyzer<UnguardedEmptyHostAnalyzer>().WithSource("""
        abstract class Host
        {
            protected IPAddress? _ip;
            protected int _port = 5000;
        }

        sealed class Server : Host
        {
            public Server() => _ip = IPAddress.Loopback;

            public TcpListener Listen() => new TcpListener(_ip!, _port);
        }

        sealed class Client : Host
        {
            public Client() => _ip = IPAddress.Loopback;

            public Client(string[] args) => _ip = IPAddress.Parse(args[0]);

            public TcpClient Connect() => new TcpClient(_ip!.ToString(), _port);
        }
        """).ShouldReportAsync();
}
