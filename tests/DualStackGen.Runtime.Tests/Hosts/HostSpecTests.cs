using System;
using System.Net;

namespace DualStackGen.Runtime.Tests.Hosts;

public sealed class HostSpecTests
{
    [Theory]
    [InlineData("::")]
    [InlineData("[::]")]
    [InlineData("0:0:0:0:0:0:0:0")]
    [InlineData("*")]
    public void Wildcards_are_any_address(string text)
    {
        HostSpec host = HostSpec.Parse(text);

        Assert.Equal(HostKind.AnyAddress, host.Kind);
        Assert.Null(host.Address);
        Assert.False(host.IsLegacyEmptyHost);
    }

    [Fact]
    public void Empty_host_is_the_legacy_spelling_of_any_address()
    {
        HostSpec host = HostSpec.Parse("");

        Assert.Equal(HostKind.AnyAddress, host.Kind);
        Assert.True(host.IsLegacyEmptyHost);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LocalHost")]
    [InlineData("localhost.")]
    public void Localhost_is_its_own_kind_and_never_a_name_to_resolve(string text)
    {
        HostSpec host = HostSpec.Parse(text);

        Assert.Equal(HostKind.Localhost, host.Kind);
        Assert.Null(host.Name);
    }

    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("192.0.2.255", "192.0.2.255")]
    [InlineData("::1", "::1")]
    [InlineData("[::1]", "::1")]
    [InlineData("2001:db8::10", "2001:db8::10")]
    [InlineData("[2001:DB8::10]", "2001:db8::10")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("[::ffff:127.0.0.1]", "127.0.0.1")]
    [InlineData("::ffff:0.0.0.0", "0.0.0.0")]
    [InlineData("fe80::1%2", "fe80::1%2")]
    [InlineData("fe80::1%lo", "fe80::1%1")]
    [InlineData("[fe80::1%lo]", "fe80::1%1")]
    public void Literals_are_parsed_without_dns(string text, string expected)
    {
        HostSpec host = HostSpec.Parse(text);

        Assert.Equal(HostKind.Address, host.Kind);
        Assert.Equal(IPAddress.Parse(expected), host.Address);
        Assert.Equal(text, host.Text);
    }

    [Fact]
    public void An_ipv4_mapped_literal_stands_for_its_ipv4_address()
    {
        HostSpec host = HostSpec.Parse("::ffff:203.0.113.5");

        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, host.Address!.AddressFamily);
        Assert.Equal("203.0.113.5", host.Address.ToString());
    }

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("db-1.internal", "db-1.internal")]
    [InlineData("my_host", "my_host")]
    [InlineData("a", "a")]
    public void Other_names_are_names(string text, string expected)
    {
        HostSpec host = HostSpec.Parse(text);

        Assert.Equal(HostKind.Name, host.Kind);
        Assert.Equal(expected, host.Name);
        Assert.Null(host.Address);
    }

    [Theory]
    [InlineData("1.2.3", "four decimal numbers")]
    [InlineData("1.2.3.4.5", "four decimal numbers")]
    [InlineData("256.1.1.1", "four decimal numbers")]
    [InlineData("010.0.0.1", "without leading zeros")]
    [InlineData("1..2.3", "four decimal numbers")]
    [InlineData("::g", "'g' cannot appear in an IPv6 address")]
    [InlineData("1::2::3", "not a valid IPv6 address")]
    [InlineData("1:2:3:4:5:6:7:8:9", "not a valid IPv6 address")]
    [InlineData("::ffff:1.2.3", "not a valid IPv6 address")]
    [InlineData("[::1", "must start with '[' and end with ']'")]
    [InlineData("::1]", "must start with '[' and end with ']'")]
    [InlineData("[]", "must start with '[' and end with ']'")]
    [InlineData("[127.0.0.1]", "brackets are only for IPv6")]
    [InlineData("[example.com]", "brackets are only for IPv6")]
    [InlineData("a b", "' ' at position 1 cannot appear in a host name")]
    [InlineData("host:80", "looks like a host and a port; give the port separately")]
    [InlineData("127.0.0.1:8080", "looks like a host and a port; give the port separately")]
    [InlineData("[::1]:8080", "looks like a host and a port; give the port separately")]
    [InlineData("-bad.example", "cannot start or end with '-'")]
    [InlineData("bad..example", "1 to 63 characters")]
    [InlineData(" ::", "' ' cannot appear in an IPv6 address")]
    [InlineData("0x7f000001", "cannot end in a number")]
    [InlineData("0x7f.1", "cannot end in a number")]
    [InlineData("1.0x2.3.4", "cannot end in a number")]
    [InlineData("service.123", "cannot end in a number")]
    [InlineData("fe80::1%", "'%' must be followed by an interface name")]
    [InlineData("fe80::1%eth 0", "' ' cannot appear in the interface name")]
    [InlineData("fe80::1%no-such-interface0", "no network interface named 'no-such-interface0'")]
    [InlineData("::ffff:127.0.0.1%1", "cannot carry a scope")]
    public void Bad_text_is_rejected_with_a_message_that_quotes_it(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => HostSpec.Parse(text));

        Assert.Contains($"\"{text}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(HostSpec.TryParse(text, out HostSpec? spec, out string? message));
        Assert.Null(spec);
        Assert.Equal(error.Message, message);
    }

    [Fact]
    public void A_name_longer_than_dns_allows_is_rejected()
    {
        string text = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 63));

        var error = Assert.Throws<FormatException>(() => HostSpec.Parse(text));

        Assert.Contains("1 to 253 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_rejected()
    {
        var error = Assert.Throws<FormatException>(() => HostSpec.Parse(new string('a', 64) + ".example"));

        Assert.Contains("1 to 63 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_rejected_by_parse_and_try_parse()
    {
        Assert.Throws<ArgumentNullException>(() => HostSpec.Parse(null!));
        Assert.False(HostSpec.TryParse(null, out _, out string? error));
        Assert.Contains("Host is null", error, StringComparison.Ordinal);
    }
}
