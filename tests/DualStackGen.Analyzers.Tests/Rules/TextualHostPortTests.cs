using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using DualStackGen.Generator.Analyzers;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0007 (info): endpoints joined or split as text with ':'.</summary>
public sealed class TextualHostPortTests
{
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
}
