using System.Net;

namespace DualStackGen.Runtime.Tests.Addressing;

public sealed class EndPointNormalizationTests
{
    [Theory]
    [InlineData("::ffff:203.0.113.5", "203.0.113.5")]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("::", "::")]
    public void Only_ipv4_mapped_addresses_change(string input, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), IPAddress.Parse(input).Normalize());
    }

    [Fact]
    public void An_endpoint_that_needs_no_change_is_returned_as_is()
    {
        var endPoint = new IPEndPoint(IPAddress.IPv6Loopback, 80);

        Assert.Same(endPoint, endPoint.Normalize());
    }

    [Fact]
    public void A_mapped_endpoint_keeps_its_port()
    {
        IPEndPoint normalized = new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.7"), 51514).Normalize();

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 51514), normalized);
    }

    [Fact]
    public void Non_ip_endpoints_pass_through()
    {
        var dns = new DnsEndPoint("example.com", 80);

        Assert.Same(dns, EndPointNormalization.NormalizeEndPoint(dns));
        Assert.Null(EndPointNormalization.NormalizeEndPoint(null));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 1), EndPointNormalization.NormalizeEndPoint(new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 1)));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", 51514, "127.0.0.1:51514")]
    [InlineData("127.0.0.1", 80, "127.0.0.1:80")]
    [InlineData("::1", 40840, "[::1]:40840")]
    [InlineData("2001:db8::1", 80, "[2001:db8::1]:80")]
    [InlineData("fe80::1%2", 80, "[fe80::1%2]:80")]
    public void Display_strings_are_normalized_and_bracket_ipv6(string address, int port, string expected)
    {
        Assert.Equal(expected, new IPEndPoint(IPAddress.Parse(address), port).ToDisplayString());
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("2001:db8::1", "[2001:db8::1]")]
    [InlineData("fe80::1%2", "[fe80::1%252]")]
    public void Uri_hosts_bracket_ipv6_and_escape_the_scope(string address, string expected)
    {
        string host = IPAddress.Parse(address).ToUriHost();

        Assert.Equal(expected, host);
        Assert.True(System.Uri.TryCreate($"http://{host}:8080/", System.UriKind.Absolute, out _));
    }
}
