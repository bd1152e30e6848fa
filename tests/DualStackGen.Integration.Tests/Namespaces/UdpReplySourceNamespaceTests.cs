using System;
using System.Linq;

namespace DualStackGen.Integration.Tests.Namespaces;

/// <summary>
/// UDP replies leave from the address the datagram was sent to, on wildcard sockets of each kind, in a namespace with
/// a second IPv6 address on lo (fd00::2, which exists nowhere else) and 127.0.0.2 (lo holds all of 127.0.0.0/8). Each
/// client is bound to the first loopback address, the one the OS would pick as the reply's source by itself, and
/// <c>connect()</c>s to the server's address: a reply from any other source is dropped by its kernel.
/// </summary>
public sealed class UdpReplySourceNamespaceTests
{
    private const string SecondIPv6Address =
        "ip addr add fd00::2/128 dev lo nodad; ip -6 addr show dev lo | grep -q 'inet6 fd00::2/128'; "
        + "ip -4 route get 127.0.0.2 | grep -q '^local 127.0.0.2 dev lo'";

    [Fact]
    public void A_wildcard_ipv4_socket_answers_each_address_from_that_address()
    {
        ProbeReport report = RunUdpProbe("0.0.0.0", "IPv4Only", "127.0.0.1>127.0.0.1", "127.0.0.1>127.0.0.2");

        Assert.Matches(@"^0\.0\.0\.0:\d+$", Assert.Single(Values(report, "udp-listening ")));
        AssertAnsweredFrom(report, "127.0.0.1");
        AssertAnsweredFrom(report, "127.0.0.2");
    }

    [Fact]
    public void An_ipv6_only_wildcard_socket_answers_each_address_from_that_address()
    {
        ProbeReport report = RunUdpProbe("::", "IPv6Only", "::1>::1", "::1>fd00::2");

        Assert.Matches(@"^\[::\]:\d+$", Assert.Single(Values(report, "udp-listening ")));
        AssertAnsweredFrom(report, "::1");
        AssertAnsweredFrom(report, "fd00::2");
    }

    [Fact]
    public void A_dual_stack_socket_answers_each_address_of_both_families_from_that_address()
    {
        ProbeReport report = RunUdpProbe("::", "DualStack", "127.0.0.1>127.0.0.1", "127.0.0.1>127.0.0.2", "::1>::1", "::1>fd00::2");

        Assert.Matches(@"^\[::\]:\d+$", Assert.Single(Values(report, "udp-listening ")));
        AssertAnsweredFrom(report, "127.0.0.1");
        AssertAnsweredFrom(report, "127.0.0.2");
        AssertAnsweredFrom(report, "::1");
        AssertAnsweredFrom(report, "fd00::2");
    }

    private static ProbeReport RunUdpProbe(string host, string mode, params string[] pairs)
        => NetworkNamespace.RunProbe(SecondIPv6Address, ["udp-reply", host, mode, .. pairs]);

    // The unconnected client's view (from=) says where the reply came from; the connected client's (connected=) is what
    // a real client sees; local= is the address the handler was told the datagram arrived on.
    private static void AssertAnsweredFrom(ProbeReport report, string address)
    {
        string line = Values(report, $"udp-client {address} ").SingleOrDefault()
            ?? throw new InvalidOperationException($"No line for {address} in:\n{report.Output}");
        Assert.Equal($"connected=replied from={address} local={address}", line);
    }

    private static string[] Values(ProbeReport report, string prefix)
        => [.. report.Lines.Where(line => line.StartsWith(prefix, StringComparison.Ordinal)).Select(line => line[prefix.Length..])];
}
