using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace DualStackGen.Integration.Tests.Namespaces;

/// <summary>
/// The Linux cases a network namespace reproduces for real: IPv6 disabled, <c>net.ipv6.bindv6only=1</c>, and no
/// IPv4 loopback address. Each setup verifies itself, so a namespace that did not take the setting fails the test.
/// </summary>
public sealed partial class NamespaceTests
{
    private const string DisableIPv6 =
        "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/lo/disable_ipv6; "
        + "! ip -6 addr show dev lo | grep -q inet6";

    private const string BindV6Only = "echo 1 > /proc/sys/net/ipv6/bindv6only; test \"$(cat /proc/sys/net/ipv6/bindv6only)\" = 1";

    private const string RemoveIPv4Loopback = "ip addr del 127.0.0.1/8 dev lo; ! ip -4 addr show dev lo | grep -q inet";

    [Fact]
    public void With_ipv6_disabled_a_wildcard_server_still_serves_ipv4()
    {
        ProbeReport report = NetworkNamespace.RunProbe(DisableIPv6, "::", "Auto", "127.0.0.1", "::1");

        Assert.Single(report.Listening);
        Assert.Matches(ServedFromIPv4Loopback(), report.Client("127.0.0.1"));
        Assert.StartsWith("refused", report.Client("::1"), StringComparison.Ordinal);
    }

    [Fact]
    public void With_ipv6_disabled_the_ipv6_loopback_literal_fails_with_a_clear_error()
    {
        ProbeReport report = NetworkNamespace.RunProbe(DisableIPv6, "::1", "Auto");

        string failure = Assert.Single(report.StartFailures);
        Assert.Equal(
            "ListenException Could not listen on host \"::1\" port 0 (mode Auto): no endpoint could be bound. "
            + "Endpoints tried: [::1]:0 IPv6 V6ONLY=1: AddressNotAvailable (Cannot assign requested address).",
            failure);
        Assert.Empty(report.Listening);
    }

    [Fact]
    public void With_ipv6_disabled_localhost_serves_ipv4_and_logs_the_skipped_ipv6_loopback()
    {
        ProbeReport report = NetworkNamespace.RunProbe(DisableIPv6, "localhost", "Auto", "127.0.0.1");

        string listening = Assert.Single(report.Listening);
        int port = int.Parse(listening.Split(' ')[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"127.0.0.1:{port} v6only=-", listening);
        Assert.Contains($"Skipped [::1]:{port} (IPv6): AddressNotAvailable (Cannot assign requested address)", report.Logs("Warning"));
        Assert.Matches(ServedFromIPv4Loopback(), report.Client("127.0.0.1"));
    }

    [Fact]
    public void With_bindv6only_set_a_dual_stack_server_still_serves_ipv4()
    {
        ProbeReport report = NetworkNamespace.RunProbe(BindV6Only, "::", "DualStack", "127.0.0.1", "::1");

        string listening = Assert.Single(report.Listening);
        Assert.Matches(@"^\[::\]:\d+ v6only=0$", listening);
        Assert.Matches(ServedFromIPv4Loopback(), report.Client("127.0.0.1"));
        Assert.Matches(@"^served seen=\[::1\]:\d+ intact=True$", report.Client("::1"));
    }

    [Fact]
    public void Without_an_ipv4_loopback_address_localhost_serves_ipv6_only()
    {
        ProbeReport report = NetworkNamespace.RunProbe(RemoveIPv4Loopback, "localhost", "Auto", "::1", "127.0.0.1");

        string listening = Assert.Single(report.Listening);
        Assert.Matches(@"^\[::1\]:\d+ v6only=1$", listening);
        Assert.Contains(report.Logs("Warning"), entry => entry == "Skipped 127.0.0.1 (port chosen by the OS) (IPv4): AddressNotAvailable (Cannot assign requested address)");
        Assert.Matches(@"^served seen=\[::1\]:\d+ intact=True$", report.Client("::1"));
        Assert.StartsWith("refused", report.Client("127.0.0.1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Port_0_moves_every_socket_to_a_new_port_when_the_picked_one_is_taken_on_another_family()
    {
        // Four ephemeral ports, and Linux hands out the odd ones to bind(0) first: with [::1]:40001 held, the first
        // pick for 127.0.0.1 collides on ::1 unless the retry keeps the taken port from being picked again.
        const string TinyPortRange = "echo '40000 40003' > /proc/sys/net/ipv4/ip_local_port_range";

        ProbeReport report = NetworkNamespace.RunProbe(TinyPortRange, "localhost", "Auto", "--occupy", "[::1]:40001", "--starts", "5");

        Assert.Empty(report.StartFailures);
        Assert.Equal(10, report.Listening.Count);
        foreach (string[] pair in report.Listening.Chunk(2))
        {
            string port = pair[0].Split(' ')[0].Split(':')[^1];
            Assert.Equal([$"127.0.0.1:{port} v6only=-", $"[::1]:{port} v6only=1"], pair);
            Assert.NotEqual("40001", port);
        }

        Assert.Contains(report.Logs("Debug"), entry => entry.StartsWith("Port 40001, picked by the OS for the first socket, is taken for [::1]:40001", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^served seen=127\.0\.0\.1:\d+ intact=True$")]
    private static partial Regex ServedFromIPv4Loopback();
}
