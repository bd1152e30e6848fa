using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Listening;

/// <summary>
/// The OS cases this machine is not (the README's "Modes" table): simulated through the capability probe, then bound and served
/// for real, so each case yields exactly the sockets of the matrix.
/// </summary>
public sealed class SimulatedCapabilityTests
{
    public enum SimulatedOs
    {
        DualStack,
        SeparateStacks,
        IPv4Only,
        IPv6Only,
    }

    [Theory]
    [InlineData(SimulatedOs.DualStack, "::", ListenMode.Auto, "[::] v6only=0")]
    [InlineData(SimulatedOs.DualStack, "::", ListenMode.DualStack, "[::] v6only=0")]
    [InlineData(SimulatedOs.DualStack, "*", ListenMode.SeparateSockets, "[::] v6only=1|0.0.0.0")]
    [InlineData(SimulatedOs.SeparateStacks, "::", ListenMode.Auto, "[::] v6only=1|0.0.0.0")]
    [InlineData(SimulatedOs.SeparateStacks, "::", ListenMode.DualStack, "[::] v6only=1|0.0.0.0")]
    [InlineData(SimulatedOs.SeparateStacks, "*", ListenMode.IPv6Only, "[::] v6only=1")]
    [InlineData(SimulatedOs.SeparateStacks, "localhost", ListenMode.Auto, "127.0.0.1|[::1] v6only=1")]
    [InlineData(SimulatedOs.IPv4Only, "::", ListenMode.Auto, "0.0.0.0")]
    [InlineData(SimulatedOs.IPv4Only, "::", ListenMode.DualStack, "0.0.0.0")]
    [InlineData(SimulatedOs.IPv4Only, "*", ListenMode.SeparateSockets, "0.0.0.0")]
    [InlineData(SimulatedOs.IPv4Only, "localhost", ListenMode.Auto, "127.0.0.1")]
    [InlineData(SimulatedOs.IPv6Only, "::", ListenMode.Auto, "[::] v6only=1")]
    [InlineData(SimulatedOs.IPv6Only, "::", ListenMode.DualStack, "[::] v6only=1")]
    [InlineData(SimulatedOs.IPv6Only, "localhost", ListenMode.Auto, "[::1] v6only=1")]
    public async Task Each_os_case_gets_exactly_the_sockets_of_the_matrix(SimulatedOs os, string host, ListenMode mode, string expected)
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = host, Mode = mode, CapabilityProbe = new FixedCapabilityProbe(Capabilities(os)) });

        Assert.Equal(expected.Split('|'), listeners.Sockets.Select(Loopback.Describe));
        Assert.All(listeners.LocalEndPoints, endPoint => Assert.Equal(listeners.Port, endPoint.Port));
    }

    [Fact]
    public async Task Without_dual_stack_sockets_both_families_are_still_served()
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "::", Mode = ListenMode.DualStack, CapabilityProbe = new FixedCapabilityProbe(SocketCapabilities.SeparateStacksHost) });

        Assert.Equal("127.0.0.1", (await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.Loopback, listeners.Port)).Address.ToString());
        Assert.Equal("::1", (await Loopback.ConnectAndAcceptAsync(listeners, IPAddress.IPv6Loopback, listeners.Port)).Address.ToString());
    }

    [Fact]
    public async Task Without_ipv6_a_wildcard_server_warns_and_serves_ipv4()
    {
        var logger = new RecordingLogger();

        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "::", Logger = logger, CapabilityProbe = new FixedCapabilityProbe(SocketCapabilities.IPv4OnlyHost) });

        Assert.Equal("IPv6 is not available on this system, so host \"::\" is served on IPv4 only", Assert.Single(logger.MessagesAt(LogLevel.Warning)));
        Assert.Equal(SocketError.Success, await Loopback.TryConnectAsync(IPAddress.Loopback, listeners.Port));
    }

    [Fact]
    public async Task Without_ipv4_a_wildcard_server_warns_and_refuses_ipv4_clients()
    {
        var logger = new RecordingLogger();

        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "*", Logger = logger, CapabilityProbe = new FixedCapabilityProbe(SocketCapabilities.IPv6OnlyHost) });

        Assert.Equal("IPv4 is not available on this system, so host \"*\" is served on IPv6 only", Assert.Single(logger.MessagesAt(LogLevel.Warning)));
        Assert.Equal(SocketError.ConnectionRefused, await Loopback.TryConnectAsync(IPAddress.Loopback, listeners.Port));
        Assert.Equal(SocketError.Success, await Loopback.TryConnectAsync(IPAddress.IPv6Loopback, listeners.Port));
    }

    [Theory]
    [InlineData(SimulatedOs.IPv4Only, ListenMode.IPv6Only)]
    [InlineData(SimulatedOs.IPv6Only, ListenMode.IPv4Only)]
    public async Task A_mode_whose_only_family_is_missing_fails_to_start(SimulatedOs os, ListenMode mode)
    {
        var error = await Assert.ThrowsAsync<ListenException>(() => DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "::", Mode = mode, Port = 0, CapabilityProbe = new FixedCapabilityProbe(Capabilities(os)) }));

        Assert.Contains("no address family ListenMode." + mode + " needs is available", error.Message, StringComparison.Ordinal);
        Assert.Empty(error.Attempts);
    }

    [Fact]
    public void The_os_probe_sees_what_this_machine_has()
    {
        // This machine has IPv4, IPv6 and dual-stack sockets (the namespace tests cover the machines that lack one).
        Assert.Equal(SocketCapabilities.DualStackHost, OsSocketCapabilityProbe.Shared.GetCapabilities());
        Assert.Same(OsSocketCapabilityProbe.Shared, OsSocketCapabilityProbe.Shared);
    }

    private static SocketCapabilities Capabilities(SimulatedOs os) => os switch
    {
        SimulatedOs.DualStack => SocketCapabilities.DualStackHost,
        SimulatedOs.SeparateStacks => SocketCapabilities.SeparateStacksHost,
        SimulatedOs.IPv4Only => SocketCapabilities.IPv4OnlyHost,
        _ => SocketCapabilities.IPv6OnlyHost,
    };
}
