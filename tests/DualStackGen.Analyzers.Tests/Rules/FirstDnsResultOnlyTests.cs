using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using DualStackGen.Generator.Analyzers;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0008 (info): only the first DNS answer bound, connected or turned into an endpoint.</summary>
public sealed class FirstDnsResultOnlyTests
{
    // Dns.GetHostEntry(host, AddressFamily.InterNetwork) answers in that family alone: its first address is a choice made.
    [Fact]
    public Task The_first_answer_of_a_lookup_asked_for_one_family_is_silent() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource("""
        using System.Threading.Tasks;

        class Resolver
        {
            IPEndPoint ByEntry(string host, int port) => new IPEndPoint(Dns.GetHostEntry(host, AddressFamily.InterNetwork).AddressList[0], port);

            IPEndPoint ByAddresses(string host, int port) => new IPEndPoint(Dns.GetHostAddresses(host, AddressFamily.InterNetworkV6)[0], port);

            async Task<IPEndPoint> ByEntryLater(string host, int port)
            {
                IPHostEntry entry = await Dns.GetHostEntryAsync(host, AddressFamily.InterNetwork);
                return new IPEndPoint(entry.AddressList[0], port);
            }

            IPEndPoint EitherFamily(string host, int port) => new IPEndPoint([|Dns.GetHostEntry(host).AddressList[0]|], port);
        }
        """).ShouldReportAsync();

    [Fact]
    public Task The_first_answer_reaching_bind_connect_or_an_endpoint_is_reported() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource("""
        class Resolver
        {
            IPEndPoint Indexed(string host, int port) => new IPEndPoint([|Dns.GetHostAddresses(host)[0]|], port);
            void First(Socket socket, string host, int port) => socket.Connect([|Dns.GetHostAddresses(host).First()|], port);
            async Task FirstOrDefault(Socket socket, string host, int port)
            {
                IPAddress? address = [|(await Dns.GetHostAddressesAsync(host)).FirstOrDefault()|];
                await socket.ConnectAsync(address!, port);
            }

            void Entry(Socket socket, string host, int port) => socket.Bind(new IPEndPoint([|Dns.GetHostEntry(host).AddressList[0]|], port));
        }
        """).ShouldReportAsync();

    // Library code awaits with ConfigureAwait(false), also its own async helpers: the answer and the helper's returns
    // are followed through it.
    [Fact]
    public Task The_first_answer_of_an_await_with_ConfigureAwait_is_reported_also_through_an_own_async_helper() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource("""
        class Resolver
        {
            async Task Direct(Socket socket, string host, int port)
            {
                IPAddress[] addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
                await socket.ConnectAsync([|addresses[0]|], port).ConfigureAwait(false);
            }

            async Task ThroughHelper(Socket socket, string host, int port)
            {
                IPAddress[] addresses = await ResolveAsync(host).ConfigureAwait(false);
                socket.Connect([|addresses[0]|], port);
            }

            private static async Task<IPAddress[]> ResolveAsync(string host) => await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
        }
        """).ShouldReportAsync();

    // A position is no choice of family: AddressList[1] (taken because [0] was IPv6 on the author's machine), Last() and
    // ElementAt(n) are whatever the resolver put there on this one.
    private const string PositionalPicks = """
        class Resolver
        {
            TcpListener Second(int port) => new TcpListener([|Dns.GetHostEntry(Dns.GetHostName()).AddressList[1]|], port);
            void Last(Socket socket, string host, int port) => socket.Connect([|Dns.GetHostAddresses(host).Last()|], port);
            IPEndPoint Third(string host, int port) => new IPEndPoint([|Dns.GetHostAddresses(host).ElementAt(2)|], port);
            IPEndPoint SecondOfOneFamily(string host, int port) => new IPEndPoint(Dns.GetHostEntry(host, AddressFamily.InterNetwork).AddressList[1], port);
        }
        """;

    [Fact]
    public Task An_answer_picked_by_any_position_is_reported() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource(PositionalPicks).ShouldReportAsync();

    [Fact]
    public async Task The_message_names_the_position_picked()
    {
        string[] messages = [.. (await Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource(PositionalPicks).GetDiagnosticsAsync())
            .Select(diagnostic => diagnostic.GetMessage(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)];
        Assert.Equal(
            [
                "Only the address at index 1 of the DNS answer is used to listen ('new TcpListener(Dns.GetHostEntry(Dns.GetHostName()).AddressList[1],...' in Resolver.Second); the others (often the other family) are never tried",
                "Only the address at index 2 of the DNS answer is used to build an endpoint ('new IPEndPoint(Dns.GetHostAddresses(host).ElementAt(2), port)' in Resolver.Third); the others (often the other family) are never tried",
                "Only the last address of the DNS answer is used to connect ('socket.Connect(Dns.GetHostAddresses(host).Last(), port)' in Resolver.Last); the others (often the other family) are never tried",
            ],
            messages);
    }

    [Fact]
    public Task Every_answer_tried_or_a_first_answer_only_logged_is_silent() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource("""
        class Resolver
        {
            void All(Socket socket, string host, int port) => socket.Connect(Dns.GetHostAddresses(host), port);
            void ByName(TcpClient client, string host, int port) => client.Connect(host, port);
            string Logged(string host) => Dns.GetHostAddresses(host)[0].ToString();
            IPEndPoint NotDns(IPAddress[] configured, int port) => new IPEndPoint(configured[0], port);
        }
        """).ShouldReportAsync();

    [Fact]
    public Task A_connect_to_the_first_answer_becomes_a_connect_to_every_answer() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithCodeFix<FirstDnsResultOnlyCodeFixProvider>().WithSource("""
        class Resolver
        {
            void Indexed(Socket socket, string host, int port) => socket.Connect([|Dns.GetHostAddresses(host)[0]|], port);
            async Task First(TcpClient client, string host, int port) => await client.ConnectAsync([|(await Dns.GetHostAddressesAsync(host)).First()|], port);
            void Entry(Socket socket, string host, int port) => socket.Connect([|Dns.GetHostEntry(host).AddressList[0]|], port);
        }
        """).ShouldFixToAsync("""
        class Resolver
        {
            void Indexed(Socket socket, string host, int port) => socket.Connect(Dns.GetHostAddresses(host), port);
            async Task First(TcpClient client, string host, int port) => await client.ConnectAsync((await Dns.GetHostAddressesAsync(host)), port);
            void Entry(Socket socket, string host, int port) => socket.Connect(Dns.GetHostEntry(host).AddressList, port);
        }
        """);

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Solution)]
    public Task Fix_all_connects_to_every_answer_in_scope(FixAllScope scope)
    {
        const string First = """
            class A
            {
                void One(Socket s, string h) => s.Connect([|Dns.GetHostAddresses(h)[0]|], 1);
                void Two(TcpClient c, string h) => c.Connect([|Dns.GetHostAddresses(h).First()|], 2);
            }
            """;
        const string Second = """
            class B
            {
                void Three(Socket s, string h) => s.Connect([|Dns.GetHostAddresses(h)[0]|], 3);
            }
            """;
        const string FirstFixed = """
            class A
            {
                void One(Socket s, string h) => s.Connect(Dns.GetHostAddresses(h), 1);
                void Two(TcpClient c, string h) => c.Connect(Dns.GetHostAddresses(h), 2);
            }
            """;
        const string SecondFixed = """
            class B
            {
                void Three(Socket s, string h) => s.Connect(Dns.GetHostAddresses(h), 3);
            }
            """;
        return scope == FixAllScope.Document
            ? Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithCodeFix<FirstDnsResultOnlyCodeFixProvider>().WithSource(First).WithSource(Second)
                .ShouldFixAllToAsync(scope, FirstFixed, Second.Replace("[|", "").Replace("|]", ""))
            : Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithCodeFix<FirstDnsResultOnlyCodeFixProvider>().WithSource(First).WithSourceInProject(Second, 1)
                .ShouldFixAllToAsync(scope, FirstFixed, SecondFixed);
    }

    [Fact]
    public Task A_first_answer_bound_or_made_an_endpoint_has_no_fix() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithCodeFix<FirstDnsResultOnlyCodeFixProvider>().WithSource("""
        class Resolver
        {
            IPEndPoint Indexed(string host, int port) => new IPEndPoint([|Dns.GetHostAddresses(host)[0]|], port);
        }
        """).ShouldOfferNoFixAsync();

    // The loop form of First(a => a.AddressFamily == family): the family is chosen on purpose, as with the predicate.
    [Fact]
    public Task A_loop_returning_the_first_answer_of_a_requested_family_is_silent() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource("""
        class Resolver
        {
            static IPAddress? Resolve(string host, AddressFamily family)
            {
                foreach (IPAddress address in Dns.GetHostEntry(host).AddressList)
                {
                    if (address.AddressFamily == family)
                    {
                        return address;
                    }
                }

                return null;
            }

            void Bind(Socket socket, string host, int port) => socket.Bind(new IPEndPoint(Resolve(host, socket.AddressFamily)!, port));
        }
        """).ShouldReportAsync();

    [Fact]
    public Task An_endpoint_of_the_loop_variable_returned_from_the_loop_is_the_first_pick() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource("""
        class Secondary
        {
            static async Task<IPEndPoint?> PrimaryAsync(string name)
            {
                [|foreach (IPAddress candidate in await Dns.GetHostAddressesAsync(name))|]
                {
                    if (candidate.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                    {
                        return new IPEndPoint(candidate, 53);
                    }
                }

                return null;
            }

            static List<IPEndPoint> All(string name)
            {
                var endPoints = new List<IPEndPoint>();
                foreach (IPAddress address in Dns.GetHostAddresses(name))
                {
                    endPoints.Add(new IPEndPoint(address, 53));
                }

                return endPoints;
            }
        }
        """).ShouldReportAsync();

    // The pick is where the fix acts; the connect it reaches, in another member, is the additional location.
    [Fact]
    public async Task A_first_answer_kept_in_a_field_names_the_connect_as_its_additional_location()
    {
        System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> diagnostics = await Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource("""
            class Client
            {
                private readonly IPAddress _server;

                public Client(string host) => _server = [|Dns.GetHostAddresses(host)[0]|];

                public void Connect(Socket socket) => socket.Connect(_server, 443);
            }
            """).GetDiagnosticsAsync();
        Microsoft.CodeAnalysis.Diagnostic diagnostic = Assert.Single(diagnostics);
        Microsoft.CodeAnalysis.Location additional = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("socket.Connect(_server, 443)", additional.SourceTree!.GetText().ToString(additional.SourceSpan));
    }

    // A condition that lets both families through chooses nothing: First(a => v4 || v6) is the first answer, as the loop
    // form with the same test is; a condition naming one family is a choice.
    [Fact]
    public Task A_first_answer_whose_condition_lets_both_families_through_is_the_first_pick() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource("""
        using System.Linq;

        class Endpoints
        {
            static IPEndPoint Either(string host, int port)
            {
                IPAddress? address = [|Dns.GetHostEntry(host).AddressList.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork || a.AddressFamily == AddressFamily.InterNetworkV6)|];
                return new IPEndPoint(address!, port);
            }

            static IPEndPoint V4(string host, int port) =>
                new IPEndPoint(Dns.GetHostEntry(host).AddressList.First(a => a.AddressFamily == AddressFamily.InterNetwork), port);

            static IPAddress? Looped(string host)
            {
                [|foreach (IPAddress candidate in Dns.GetHostAddresses(host))|]
                {
                    if (candidate.AddressFamily == AddressFamily.InterNetworkV6 || candidate.AddressFamily == AddressFamily.InterNetwork)
                    {
                        return candidate;
                    }
                }

                return null;
            }

            static void Connect(Socket socket, string host, int port) => socket.Connect(Looped(host)!, port);
        }
        """).ShouldReportAsync();

    // A loop that leaves after its first pass, whatever happened, is a pick of the first answer: the break does not wait
    // for a connect that worked. A break inside the try, or a continue on failure, tries the answers one by one.
    [Fact]
    public Task A_loop_that_connects_and_breaks_unconditionally_is_the_first_pick() => Verify.Analyzer<FirstDnsResultOnlyAnalyzer>().WithSource("""
        class TimeClient
        {
            void Once(Socket socket, string host)
            {
                [|foreach (IPAddress address in Dns.GetHostAddresses(host))|]
                {
                    socket.Connect(new IPEndPoint(address, 123));
                    break;
                }
            }

            void Returned(TcpClient client, string host)
            {
                [|foreach (IPAddress address in Dns.GetHostEntry(host).AddressList)|]
                {
                    client.Connect(address, 37);
                    return;
                }
            }

            void UntilOneWorks(Socket socket, string host)
            {
                foreach (IPAddress address in Dns.GetHostAddresses(host))
                {
                    try
                    {
                        socket.Connect(address, 123);
                        break;
                    }
                    catch (SocketException)
                    {
                    }
                }
            }

            void SkipsFailures(Socket socket, string host)
            {
                foreach (IPAddress address in Dns.GetHostAddresses(host))
                {
                    try
                    {
                        socket.Connect(address, 123);
                    }
                    catch (SocketException)
                    {
                        continue;
                    }

                    break;
                }
            }

            void Every(UdpClient client, string host)
            {
                foreach (IPAddress address in Dns.GetHostAddresses(host))
                {
                    client.Send(new byte[1], 1, new IPEndPoint(address, 123));
                }
            }
        }
        """).ShouldReportAsync();
}
