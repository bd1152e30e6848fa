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

    [Fact]
    public void Replies_through_a_congested_link_wait_for_room_in_the_send_buffer_and_all_go_out()
    {
        // A veth whose peer 10.9.0.2 has a fixed neighbour entry, behind a 8 Mbit/s token bucket: 600 replies of 1000
        // bytes are about three times the default send buffer, so the non-blocking sendmsg must meet EAGAIN and wait.
        const string CongestedLink =
            "ip link add v0 type veth peer name v1; ip addr add 10.9.0.1/24 dev v0; ip link set v0 up; ip link set v1 up; "
            + "ip neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent; "
            + "tc qdisc add dev v0 root tbf rate 8mbit burst 4000 limit 2000000; tc qdisc show dev v0 | grep -q tbf";

        ProbeReport report = NetworkNamespace.RunProbe(CongestedLink, "udp-congested", "10.9.0.1", "10.9.0.2", "600");

        string line = Assert.Single(Values(report, "udp-congested "));
        Assert.StartsWith("replied=600 wmem_default=", line, StringComparison.Ordinal);
        int sendBuffer = int.Parse(line.Split("wmem_default=")[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(600 * 1000 > 2 * sendBuffer, $"600 replies must overflow the send buffer ({sendBuffer} bytes) for the test to mean anything.");
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
