using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace DualStackGen.Runtime.Tests.Production;

/// <summary>
/// Which inherited (socket-activated) sockets a server's plan takes. The sockets are descriptions, as
/// <see cref="InheritedSocket.Inspect"/> reads them; the process tests hand real ones over with systemd-socket-activate.
/// </summary>
public sealed class InheritedSocketMatcherTests
{
    private const int Port = 8080;

    [Fact]
    public void Localhost_takes_the_127_0_0_1_and_the_1_socket()
    {
        InheritedSocket v4 = Tcp(3, "127.0.0.1", Port);
        InheritedSocket v6 = Tcp(4, "::1", Port, v6Only: true);

        Assert.True(Match([v6, v4], PlanFor("localhost"), Port, out List<InheritedSocket> matched, out _));

        Assert.Equal([v4, v6], matched);
    }

    [Fact]
    public void A_dual_stack_any_address_plan_takes_one_dual_stack_socket()
    {
        InheritedSocket dual = Tcp(3, "::", Port, v6Only: false);

        Assert.True(Match([dual], PlanFor("::", ListenMode.DualStack), Port, out List<InheritedSocket> matched, out _));

        Assert.Equal([dual], matched);
    }

    [Fact]
    public void A_dual_stack_plan_is_covered_by_its_fallback_of_two_single_family_sockets()
    {
        InheritedSocket v6 = Tcp(3, "::", Port, v6Only: true);
        InheritedSocket v4 = Tcp(4, "0.0.0.0", Port);

        Assert.True(Match([v4, v6], PlanFor("::", ListenMode.DualStack), Port, out List<InheritedSocket> matched, out _));

        Assert.Equal([v6, v4], matched);
    }

    [Fact]
    public void An_IPv6_only_socket_does_not_stand_in_for_a_dual_stack_one_and_the_error_lists_what_was_passed()
    {
        InheritedSocket v6 = Tcp(3, "::", Port, v6Only: true);

        Assert.False(Match([v6], PlanFor("::", ListenMode.DualStack), Port, out List<InheritedSocket> matched, out string reason));

        Assert.Empty(matched);
        Assert.Equal(
            "socket activation (LISTEN_FDS) passed TCP [::]:8080 IPV6_V6ONLY (fd 3 \"unknown\"), and no inherited socket matches [::]:8080 (IPv6, dual-stack) (TCP). "
            + "With LISTEN_FDS set a server adopts the inherited sockets instead of binding: make the socket unit's ListenStream= lines match the server's host, port and mode, "
            + "or name the sockets for this server with FileDescriptorName=Echo.",
            reason);
    }

    [Fact]
    public void Another_port_or_another_transport_does_not_match()
    {
        Assert.False(Match([Tcp(3, "127.0.0.1", Port + 1)], PlanFor("127.0.0.1"), Port, out _, out _));
        Assert.False(Match([Udp(3, "127.0.0.1", Port)], PlanFor("127.0.0.1"), Port, out _, out string reason));
        Assert.Contains("passed UDP 127.0.0.1:8080", reason, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Port_0_takes_the_inherited_port_and_every_socket_must_share_it()
    {
        InheritedSocket v4 = Tcp(3, "127.0.0.1", 9001);
        InheritedSocket v6OnOtherPort = Tcp(4, "::1", 9002, v6Only: true);
        InheritedSocket v6 = Tcp(5, "::1", 9001, v6Only: true);

        Assert.True(Match([v4, v6OnOtherPort, v6], PlanFor("localhost"), 0, out List<InheritedSocket> matched, out _));
        Assert.Equal([v4, v6], matched);
        Assert.False(Match([v4, v6OnOtherPort], PlanFor("localhost"), 0, out _, out _));
    }

    [Fact]
    public void Sockets_named_after_the_server_are_the_only_ones_it_takes()
    {
        InheritedSocket other = Tcp(3, "127.0.0.1", Port, name: "Admin");
        InheritedSocket mine = Tcp(4, "127.0.0.1", Port, name: "Echo");
        InheritedSocket unnamed = Tcp(5, "::1", Port, v6Only: true);

        Assert.True(Match([other, mine, unnamed], PlanFor("127.0.0.1"), Port, out List<InheritedSocket> matched, out _));
        Assert.Equal([mine], matched);

        // Named sockets exist for it, so an unnamed one matching its plan is not taken.
        Assert.False(Match([other, mine, unnamed], PlanFor("localhost"), Port, out _, out _));
    }

    private static bool Match(IReadOnlyList<InheritedSocket> inherited, List<PlannedSocket> plan, int port, out List<InheritedSocket> matched, out string reason)
        => InheritedSocketMatcher.TryMatch(inherited, "Echo", plan, port, SocketType.Stream, out matched, out reason);

    private static List<PlannedSocket> PlanFor(string host, ListenMode mode = ListenMode.Auto)
        => SocketPlanner.Plan(HostSpec.Parse(host), [], mode, new SocketCapabilities(true, true, true), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    private static InheritedSocket Tcp(int descriptor, string address, int port, bool? v6Only = null, string name = "unknown") =>
        Inherited(descriptor, SocketType.Stream, address, port, v6Only, name);

    private static InheritedSocket Udp(int descriptor, string address, int port) => Inherited(descriptor, SocketType.Dgram, address, port, null, "unknown");

    private static InheritedSocket Inherited(int descriptor, SocketType type, string address, int port, bool? v6Only, string name)
    {
        IPAddress ip = IPAddress.Parse(address);
        return new InheritedSocket(descriptor, name, type, ip.AddressFamily, new IPEndPoint(ip, port), ip.AddressFamily == AddressFamily.InterNetworkV6 ? v6Only ?? true : null);
    }
}
