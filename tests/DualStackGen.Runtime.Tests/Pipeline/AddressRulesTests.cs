using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Metrics;
using DualStackGen.Runtime.Tests.Serving;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Pipeline;

/// <summary>
/// AllowedNetworks / DeniedNetworks: matched on normalized addresses so the IPv4-mapped form never bypasses or
/// misses a rule, enforced on real TCP connections and UDP datagrams, and read from configuration with errors that
/// name the key.
/// </summary>
public sealed class AddressRulesTests
{
    private static readonly IPAddress MappedLoopback = IPAddress.Parse("::ffff:127.0.0.1");

    [Theory]
    [InlineData("127.0.0.0/8")]
    [InlineData("127.0.0.1/32")]
    [InlineData("::ffff:127.0.0.0/104")]
    [InlineData("::ffff:0:0/96")]
    public void The_mapped_form_is_denied_by_every_rule_that_denies_its_ipv4_address(string network)
    {
        var rules = new AddressRules([], [IPNetwork.Parse(network)]);

        Assert.Equal(AddressRules.DeniedReason, rules.Refusal(IPAddress.Loopback));
        Assert.Equal(AddressRules.DeniedReason, rules.Refusal(MappedLoopback));
        Assert.Null(rules.Refusal(IPAddress.IPv6Loopback));
    }

    [Theory]
    [InlineData("127.0.0.0/8", true)]
    [InlineData("::ffff:127.0.0.1/128", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("::/0", false)]
    [InlineData("::1/128", false)]
    [InlineData("::ffff:10.0.0.0/104", false)]
    public void The_mapped_form_is_allowed_only_by_what_allows_its_ipv4_address(string network, bool allowsIPv4Loopback)
    {
        var rules = new AddressRules([IPNetwork.Parse(network)], []);

        Assert.Equal(allowsIPv4Loopback, rules.Refusal(IPAddress.Loopback) is null);
        Assert.Equal(rules.Refusal(IPAddress.Loopback), rules.Refusal(MappedLoopback));
    }

    [Fact]
    public void Ipv6_networks_match_by_prefix_and_deny_wins_over_allow()
    {
        var rules = new AddressRules([IPNetwork.Parse("2001:db8::/32")], [IPNetwork.Parse("2001:db8:bad::/48")]);

        Assert.Null(rules.Refusal(IPAddress.Parse("2001:db8:1::5")));
        Assert.Equal(AddressRules.DeniedReason, rules.Refusal(IPAddress.Parse("2001:db8:bad::5")));
        Assert.Equal(AddressRules.NotAllowedReason, rules.Refusal(IPAddress.Parse("2001:db9::5")));
        Assert.Equal(AddressRules.NotAllowedReason, rules.Refusal(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public async Task An_ipv4_client_of_a_dual_stack_socket_is_denied_by_its_ipv4_network_while_ipv6_is_served()
    {
        string name = ServerMeasurements.UniqueServerName("Denied");
        using var measurements = new ServerMeasurements(name);
        var logger = new RecordingLogger();
        var options = new TcpServerOptions { Host = "::", Mode = ListenMode.DualStack, Logger = logger };
        options.DeniedNetworks.Add(IPNetwork.Parse("127.0.0.0/8"));
        await using var server = new TcpServerHost(name, options);
        await server.StartAsync(static (connection, cancellationToken) => new ValueTask(connection.Stream.CopyToAsync(connection.Stream, cancellationToken)));
        int port = server.LocalEndPoints[0].Port;

        using (TcpClientConnection denied = await TcpClientConnection.ConnectAsync(IPAddress.Loopback, port))
        {
            Assert.True(await denied.ServerClosedAsync());
        }

        using TcpClientConnection allowed = await TcpClientConnection.ConnectAsync(IPAddress.IPv6Loopback, port);
        Assert.Equal("served", await allowed.EchoAsync("served"));

        await measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.ConnectionsRejected) == 1, "the denied connection");
        ServerMeasurement rejected = Assert.Single(measurements.Of(ServerMetricNames.ConnectionsRejected));
        Assert.Equal(AddressRules.DeniedReason, rejected.Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Equal("ipv4", rejected.Tag(ServerMetricNames.NetworkTypeTag));
        Assert.Contains(logger.MessagesAt(LogLevel.Debug), m => m.Contains(" from 127.0.0.1:", StringComparison.Ordinal) && m.EndsWith("refused by AddressFilterStep: address_denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_udp_datagram_from_outside_the_allow_list_is_dropped_and_counted()
    {
        string name = ServerMeasurements.UniqueServerName("UdpAllowed");
        using var measurements = new ServerMeasurements(name);
        var logger = new RecordingLogger();
        var options = new UdpServerOptions { Host = "localhost", Logger = logger };
        options.AllowedNetworks.Add(IPNetwork.Parse("::1/128"));
        await using var server = new UdpServerHost(name, options);
        await server.StartAsync(static (datagram, cancellationToken) => datagram.ReplyAsync(datagram.Payload, cancellationToken));
        int port4 = server.LocalEndPoints.First(e => e.AddressFamily == AddressFamily.InterNetwork).Port;
        int port6 = server.LocalEndPoints.First(e => e.AddressFamily == AddressFamily.InterNetworkV6).Port;

        using var denied = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var allowed = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        using var timeout = new CancellationTokenSource(Loopback.Timeout);
        await denied.SendToAsync(Encoding.ASCII.GetBytes("dropped"), new IPEndPoint(IPAddress.Loopback, port4), timeout.Token);
        await measurements.WaitUntilAsync(m => m.Sum(ServerMetricNames.DatagramsFailed) == 1, "the dropped datagram");
        await allowed.SendToAsync(Encoding.ASCII.GetBytes("served"), new IPEndPoint(IPAddress.IPv6Loopback, port6), timeout.Token);
        byte[] buffer = new byte[16];
        int received = await allowed.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal("served", Encoding.ASCII.GetString(buffer, 0, received));
        Assert.Equal(AddressRules.NotAllowedReason, Assert.Single(measurements.Of(ServerMetricNames.DatagramsFailed)).Tag(ServerMetricNames.ErrorTypeTag));
        Assert.Contains(logger.MessagesAt(LogLevel.Debug), m => m.Contains("datagram from 127.0.0.1:", StringComparison.Ordinal) && m.EndsWith("refused by AddressDatagramFilter: address_not_allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Networks_are_read_from_configuration_as_one_list_or_as_indexed_keys()
    {
        var options = new TcpServerOptions();
        options.AllowedNetworks.Add(IPNetwork.Parse("203.0.113.0/24"));

        IReadOnlyList<string> unknown = options.ApplySettings("Echo",
        [
            new("AllowedNetworks:1", "fd00::/8"),
            new("AllowedNetworks:0", "10.0.0.0/8"),
            new("DeniedNetworks", "10.1.0.0/16, 192.0.2.1"),
            new("ProxyProtocol:Mode", "required"),
            new("ProxyProtocol:TrustedProxies:0", "127.0.0.1"),
            new("ProxyProtocol:HeaderTimeout", "00:00:02"),
            new("ProxyProtocol:MaxTlvBytes", "512"),
        ]);

        Assert.Empty(unknown);
        Assert.Equal(["10.0.0.0/8", "fd00::/8"], options.AllowedNetworks.Select(n => n.ToString()));
        Assert.Equal(["10.1.0.0/16", "192.0.2.1/32"], options.DeniedNetworks.Select(n => n.ToString()));
        Assert.Equal(ProxyProtocolMode.Required, options.ProxyProtocol.Mode);
        Assert.Equal(["127.0.0.1/32"], options.ProxyProtocol.TrustedProxies.Select(n => n.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(2), options.ProxyProtocol.HeaderTimeout);
        Assert.Equal(512, options.ProxyProtocol.MaxTlvBytes);
    }

    [Theory]
    [InlineData("AllowedNetworks", "192.168.1.1/24", "192.168.1.1 has host bits set beyond the /24 prefix; write the network, 192.168.1.0/24, or the host alone, 192.168.1.1.")]
    [InlineData("DeniedNetworks:3", "example.com/8", "\"example.com\" is not an IP address")]
    [InlineData("AllowedNetworks", "10.0.0.0/33", "the prefix length after '/' is a whole number from 0 to 32")]
    [InlineData("DeniedNetworks", "fe80::1%2/128", "scope ids are not accepted")]
    [InlineData("ProxyProtocol:TrustedProxies", "10.0.0.0/8, fd00::1/64", "fd00::1 has host bits set beyond the /64 prefix")]
    [InlineData("ProxyProtocol:Mode", "sometimes", "the PROXY protocol mode is one of Off, Optional, Required")]
    [InlineData("ProxyProtocol:HeaderTimeout", "5", "hours, minutes and seconds")]
    [InlineData("ProxyProtocol:MaxTlvBytes", "-1", "a whole number of bytes from 0 to")]
    public void A_bad_value_is_refused_naming_the_full_key(string key, string value, string explanation)
    {
        var options = new TcpServerOptions();

        FormatException error = Assert.Throws<FormatException>(() => options.ApplySettings("Servers:Echo", [new(key, value)]));

        // In a comma-separated list, the message quotes the entry at fault.
        string quoted = value.Split(',')[^1].Trim();
        Assert.StartsWith($"Configuration value Servers:Echo:{key} = \"{quoted}\" is not valid: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(explanation, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Udp_servers_take_the_network_lists_but_not_the_proxy_protocol_keys()
    {
        var options = new UdpServerOptions();

        IReadOnlyList<string> unknown = options.ApplySettings("Udp", [new("DeniedNetworks:0", "::1"), new("ProxyProtocol:Mode", "Required")]);

        Assert.Equal(["::1/128"], options.DeniedNetworks.Select(n => n.ToString()));
        Assert.Equal(["Udp:ProxyProtocol:Mode"], unknown);
    }
}
