using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.Generator.Analyzers;

namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>DSG0008 (info): only the first DNS answer bound, connected or turned into an endpoint.</summary>
public sealed class FirstDnsResultOnlyTests
{
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
}
