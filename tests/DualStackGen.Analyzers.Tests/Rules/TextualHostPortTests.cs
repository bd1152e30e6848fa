using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0007 (info): endpoints joined or split as text with ':'.</summary>
public sealed class TextualHostPortTests
{
    // A Host header ("[::1]:8080") cut at its first ':' gives "[": a text named as a host that is split at ':' held a port.
    [Fact]
    public Task The_first_part_of_a_host_text_split_at_a_colon_is_reported() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        sealed class Request
        {
            public string? Host { get; private set; }
            public string? HostName { get; private set; }
            public string? Vendor { get; private set; }

            public void OnHeader(string name, string value)
            {
                if (name == "Host")
                {
                    Host = value.Trim();
                    HostName = [|Host.Split(':')|][0].Trim();
                }
            }

            public void OnInterface(string macAddress, string label) => Vendor = macAddress.Split(':')[0] + label.Split(':')[0];
        }
        """).ShouldReportAsync();

    [Fact]
    public Task Joining_and_splitting_host_and_port_with_a_colon_is_reported() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        class Endpoints
        {
            string Interpolated(IPAddress address, int port) => [|$"{address}:{port}"|];
            string Url(string host, int port) => [|$"http://{host}:{port}/"|];
            string Concatenated(string host, int port) => [|host + ":" + port|];
            string CharSeparator(IPAddress address, ushort port) => [|address + ":" + port.ToString()|];

            (string Host, int Port) Split(string endPoint)
            {
                string[] parts = [|endPoint.Split(':')|];
                return (parts[0], int.Parse(parts[1]));
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task Bracketed_parsed_and_unrelated_text_is_silent() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        class Endpoints
        {
            string Formatted(IPAddress address, int port) => new IPEndPoint(address, port).ToString();
            IPEndPoint Parsed(string text) => IPEndPoint.Parse(text);
            string Bracketed(IPAddress address, int port) => $"[{address}]:{port}";
            string Time(int hours, int minutes) => $"{hours}:{minutes}";
            string Label(string name, string value) => name + ": " + value;
            string[] Fields(string line) => line.Split(':');
        }
        """).ShouldReportAsync();

    [Fact]
    public Task An_address_and_port_interpolation_becomes_IPEndPoint_ToString() => Verify.Analyzer<TextualHostPortAnalyzer>().WithCodeFix<TextualHostPortCodeFixProvider>().WithSource("""
        class Endpoints
        {
            string Interpolated(IPAddress address, int port) => [|$"{address}:{port}"|];
        }
        """).ShouldFixToAsync("""
        class Endpoints
        {
            string Interpolated(IPAddress address, int port) => new IPEndPoint(address, port).ToString();
        }
        """);

    [Fact]
    public Task Host_names_and_concatenations_have_no_fix() => Verify.Analyzer<TextualHostPortAnalyzer>().WithCodeFix<TextualHostPortCodeFixProvider>().WithSource("""
        class Endpoints
        {
            string Url(string host, int port) => [|$"{host}:{port}"|];
            string Concatenated(IPAddress address, int port) => [|address + ":" + port|];
        }
        """).ShouldOfferNoFixAsync();

    // The colon's index chosen by ?: is still a colon's index: http://[::1]/ has its last ':' inside the brackets.
    [Fact]
    public Task A_colon_index_chosen_by_a_conditional_and_cut_into_a_port_is_reported() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        class Prefixes
        {
            static int PortOf(string prefix)
            {
                int hostStart = prefix.IndexOf("://", System.StringComparison.Ordinal) + 3;
                int colon = prefix.Substring(hostStart).IndexOf(':') > 0 ? [|prefix.LastIndexOf(':')|] : -1;
                int root = prefix.IndexOf('/', hostStart);
                return colon > 0 && int.TryParse(prefix.Substring(colon + 1, root - colon - 1), out int port) ? port : 80;
            }
        }
        """).ShouldReportAsync();

    // Uri.Host keeps the brackets of an IPv6 literal, so the joined text is a valid endpoint.
    [Fact]
    public Task A_host_taken_from_Uri_Host_joined_with_a_port_is_silent() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        public sealed class Prefix
        {
            public Prefix(System.Uri uri)
            {
                Host = uri.Host;
                Port = uri.Port;
            }

            public string Host { get; }

            public int Port { get; }

            public string Authority => $"{Host}:{Port}";

            public static string Direct(System.Uri uri) => uri.Host + ":" + uri.Port;
        }
        """).ShouldReportAsync();

    // Libraries log through a delegate they expose: a static Action<string> named for a level, or a Logger callback.
    [Fact]
    public Task Text_given_to_a_logging_delegate_is_silent() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        public static class Log
        {
            public static System.Action<string> Info = System.Console.WriteLine;
        }

        public sealed class Client
        {
            public System.Action<int, string>? Logger { get; set; }

            public void Connect(string host, int port)
            {
                Log.Info($"connecting to {host}:{port}");
                Logger?.Invoke(1, "connecting to " + host + ":" + port);
                Logger!.Invoke(2, string.Format("{0}:{1}", host, port));
            }
        }
        """).ShouldReportAsync();

    [Fact]
    public Task Cuts_with_ranges_and_spans_and_a_host_parsed_from_a_split_are_reported_without_a_fix() => Verify.Analyzer<TextualHostPortAnalyzer>().WithCodeFix<TextualHostPortCodeFixProvider>().WithSource("""
        class Endpoints
        {
            (string Host, int Port) Ranges(string value)
            {
                int colon = [|value.IndexOf(':')|];
                return (value[..colon], int.Parse(value[(colon + 1)..]));
            }

            (string Host, int Port) Span(string value)
            {
                ReadOnlySpan<char> text = value.AsSpan();
                int colon = [|text.IndexOf(':')|];
                return (text.Slice(0, colon).ToString(), int.Parse(text.Slice(colon + 1)));
            }

            IPAddress? ForwardedFor(string entry) => IPAddress.TryParse([|entry.Split(':')|][0], out IPAddress? address) ? address : null;

            string Scheme(string url) => url[..url.IndexOf(':')];
        }
        """).ShouldOfferNoFixAsync();

    [Fact]
    public Task Builder_appends_and_long_concats_are_joins_without_a_fix_and_a_log_delegate_is_a_log() => Verify.Analyzer<TextualHostPortAnalyzer>().WithCodeFix<TextualHostPortCodeFixProvider>().WithSource("""
        class Endpoints
        {
            string Announce(string host, int port)
            {
                var builder = new System.Text.StringBuilder("HELLO ");
                [|builder.Append(host).Append(':').Append(port)|];
                return builder.ToString();
            }

            string Redis(string host, int port, string password) => [|string.Concat(host, ":", port.ToString(), ",password=", password)|];
        }

        sealed class ListenerLog(Action<string> write)
        {
            public void Accepted(string host, int port) => write($"accepted {host}:{port}");
        }
        """).ShouldOfferNoFixAsync();

    // The peer's endpoint text cut at its first ':' and compared with a configured address: an IPv6 peer's "[2001:db8::1]:502"
    // gives "[", so it never matches; a split of text that is not an endpoint's, or one that handles brackets, is silent.
    [Fact]
    public Task Splitting_an_endpoint_s_text_at_a_colon_is_reported_whatever_its_first_part_is_then_compared_with() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        sealed class AllowOne
        {
            private readonly string _allowed = "192.0.2.7";

            public bool Admit(TcpClient client)
            {
                string peer = client.Client.RemoteEndPoint!.ToString()!;
                peer = [|peer.Split(':')|][0];
                return peer == _allowed;
            }

            public bool AdmitTag(string tagged) => tagged.Split(':')[0] == "peer";

            public bool AdmitBracketed(EndPoint remote)
            {
                string text = remote.ToString()!;
                string host = text.StartsWith("[") ? text.Substring(1, text.IndexOf(']') - 1) : text.Split(':')[0];
                return host == _allowed;
            }
        }
        """).ShouldReportAsync();

    // Display text built by a helper (appended to with +=, or an arm of ?:) and sent only to the server's own logger or an
    // exception by every caller is never parsed back; the same helper's text kept by one caller as an address is.
    [Fact]
    public Task Text_a_helper_returns_goes_where_its_callers_send_it() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        using System.Threading.Tasks;

        public interface IProxyLog
        {
            Task LogInfoAsync(string message);
        }

        public sealed class Connection
        {
            public string RemoteAddress { get; set; } = "";
            public int RemotePort { get; set; }
            public string LocalAddress { get; set; } = "";
            public int LocalPort { get; set; }
            public bool Forwarded { get; set; }
        }

        public static class Describe
        {
            public static string Info(Connection connection)
            {
                string info = $"{connection.RemoteAddress}:{connection.RemotePort}";
                if (connection.Forwarded)
                {
                    info += $" -> {connection.LocalAddress}:{connection.LocalPort}";
                }

                return info;
            }

            public static string Target(Connection connection) => [|$"{connection.LocalAddress}:{connection.LocalPort}"|];
        }

        public sealed class Proxy(IProxyLog? log)
        {
            private string _upstream = "";

            public async Task AcceptedAsync(Connection connection, string host, int port)
            {
                string line = $"accepted {Describe.Info(connection)}" + (connection.Forwarded ? $" to {host}:{port}" : "");
                await (log?.LogInfoAsync(line) ?? Task.CompletedTask);
                if (connection.RemotePort == 0)
                {
                    throw new System.InvalidOperationException($"no port on [{Describe.Info(connection)}]");
                }

                _upstream = Describe.Target(connection);
            }

            public string Upstream => _upstream;
        }
        """).ShouldReportAsync();

    // The last part of an endpoint's text split at ':' is its port, right for IPv6 too.
    [Fact]
    public Task The_port_read_as_the_last_part_of_an_endpoint_s_split_text_is_silent() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        sealed class PortOfPeer
        {
            public string Port(TcpClient client)
            {
                string[] parts = client.Client.RemoteEndPoint!.ToString()!.Split(':');
                return parts[parts.Length - 1];
            }
        }
        """).ShouldReportAsync();

    // A split kept in a local used for an earlier split, and a join written as one Append statement after another: the
    // same endpoint text as the one-expression forms. Only the parts read after the host's split are its parts.
    [Fact]
    public Task A_split_assigned_to_a_reused_local_and_appends_in_separate_statements_are_reported() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        using System.Globalization;
        using System.Text;

        sealed class Request
        {
            public string Path { get; private set; } = "";
            public string Host { get; private set; } = "";
            public Uri? Url { get; private set; }

            public void Parse(string target, string hostHeader, IPEndPoint local)
            {
                string[] parts = target.Split(new[] { '?' }, 2);
                Path = parts[0];

                string host;
                string? port;
                if (hostHeader.Length > 0)
                {
                    parts = [|hostHeader.Split(new[] { ':' }, 2)|];
                    host = parts[0];
                    port = parts.Length == 2 ? parts[1] : null;
                }
                else
                {
                    host = local.Address.ToString();
                    port = local.Port.ToString(CultureInfo.InvariantCulture);
                }

                Host = host;
                var url = new StringBuilder();
                url.Append("http://");
                url.Append(host);
                if (port != null)
                {
                    url.Append(':');
                    [|url.Append(port)|];
                }

                url.Append(target);
                Url = new Uri(url.ToString());
            }

            public string Describe(string serverName, int listenPort)
            {
                var line = new StringBuilder();
                line.Append(serverName);
                line.Append(':');
                line.Append(listenPort);
                Console.WriteLine(line.ToString());
                return serverName;
            }
        }
        """).ShouldReportAsync();

    // The port is the last part of an endpoint's text, never the first: "17:AAAA" split on ':' with part 0 parsed as a
    // number is a tagged value (an encryption type and its key), not a host and a port.
    [Fact]
    public Task A_split_whose_first_part_is_parsed_as_a_number_is_silent() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        using System.Globalization;

        sealed class KeyTable
        {
            public (int EncryptionType, byte[] Key) Read(string stored)
            {
                string[] parts = stored.Split(':');
                return (int.Parse(parts[0], CultureInfo.InvariantCulture), Convert.FromBase64String(parts[1]));
            }

            public Guid Tag(string stored) => Guid.Parse(stored.Split(':')[1]);
        }
        """).ShouldReportAsync();

    // A command message split at ':' ("MOVE:3:4", "INVITE:5001:5002") holds a command word and numbers, no host: the part
    // before each parsed number is either never read or a number itself. A host read before the port is reported.
    [Fact]
    public Task A_split_of_a_command_word_and_numbers_is_silent_and_a_host_before_its_port_is_not() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        sealed class GameCommands
        {
            public (int Row, int Column) Move(string message)
            {
                if (!message.StartsWith("MOVE:"))
                {
                    return (-1, -1);
                }

                var parts = message.Split(':');
                return (int.Parse(parts[1]), int.Parse(parts[2]));
            }

            public int InvitedPort(string message)
            {
                string[] fields = message.Split(':');
                int from = int.Parse(fields[1]);
                return int.Parse(fields[2]) + from;
            }

            public IPEndPoint Peer(string message)
            {
                string[] fields = [|message.Split(':')|];
                return new IPEndPoint(IPAddress.Parse(fields[1]), int.Parse(fields[2]));
            }

            public int PeerPort(string endPoint) => int.Parse([|endPoint.Split(':')|][1]);
        }
        """).ShouldReportAsync();

    // Text kept in a field or property goes where its reads go: a disconnected peer remembered for a later log line is
    // printed, not parsed; text read back as an endpoint, or stored where nothing in the compilation reads it, may be.
    [Fact]
    public Task Text_stored_in_a_member_read_only_by_log_lines_is_silent() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        static class Session
        {
            static string? lastClient;

            public static string LastClient => lastClient ?? "none";

            public static string Describe(TcpClient client, bool full)
            {
                var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
                string peer = remote.Address.ToString() + ":" + remote.Port.ToString();
                string info = "client: " + peer;
                if (full)
                {
                    info += " (full)";
                }

                return info;
            }

            public static void Connected(TcpClient client) => ConsoleLog.Write("Client " + Describe(client, true) + " joined");

            public static void Disconnect(TcpClient client)
            {
                lastClient = Describe(client, false);
                ConsoleLog.Write("Client " + lastClient + " left");
                client.Close();
            }

            public static void Closed() => ConsoleLog.Write(LastClient + " closed");
        }

        static class ConsoleLog
        {
            public static void Write(string line) => Console.WriteLine(line);
        }

        sealed class Upstream
        {
            private string _target = "";

            public string Address { get; set; } = "";

            public void Configure(string host, int port)
            {
                _target = [|host + ":" + port|];
                Address = [|$"{host}:{port}"|];
            }

            public IPEndPoint Resolve() => IPEndPoint.Parse(_target);
        }
        """).ShouldReportAsync();

    // A helper's text is cleared only by callers that print it: a call whose result is left in an unused local shows
    // nothing of where the text goes, as a member nothing reads does not.
    [Fact]
    public Task A_helper_s_text_left_in_an_unused_local_is_still_reported() => Verify.Analyzer<TextualHostPortAnalyzer>().WithSource("""
        public static class Addresses
        {
            public static string GetAddress(string host, int port)
            {
                return [|host + ":" + port|];
            }
        }

        public sealed class Proxy
        {
            public Proxy(string host, int port)
            {
                string address = Addresses.GetAddress(host, port);
            }
        }
        """).ShouldReportAsync();
}
