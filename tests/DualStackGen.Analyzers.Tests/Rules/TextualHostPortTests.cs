using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
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
}
