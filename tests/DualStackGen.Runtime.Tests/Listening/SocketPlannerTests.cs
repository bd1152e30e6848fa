using System.Linq;
using System.Net;
using System.Net.Sockets;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Listening;

/// <summary>The fallbacks are part of the plan: the binder only executes what the planner wrote down.</summary>
public sealed class SocketPlannerTests
{
    [Theory]
    [InlineData("::", ListenMode.Auto)]
    [InlineData("*", ListenMode.DualStack)]
    public void A_dual_stack_socket_carries_its_per_family_fallbacks(string host, ListenMode mode)
    {
        var logger = new RecordingLogger();

        PlannedSocket planned = Assert.Single(SocketPlanner.Plan(HostSpec.Parse(host), [], mode, SocketCapabilities.DualStackHost, logger));

        Assert.Equal(IPAddress.IPv6Any, planned.Address);
        Assert.False(planned.V6Only);
        Assert.Equal(["[::]:0 V6Only", "0.0.0.0:0"], planned.IfDualStackRefused.Select(Describe));
        Assert.Equal(["0.0.0.0:0"], planned.IfUnavailable.Select(Describe));
        Assert.Empty(logger.MessagesAt(LogLevel.Warning));
    }

    [Theory]
    [InlineData("::", ListenMode.SeparateSockets)]
    [InlineData("localhost", ListenMode.Auto)]
    [InlineData("::1", ListenMode.Auto)]
    [InlineData("::", ListenMode.IPv6Only)]
    public void Sockets_of_one_family_each_have_no_fallback_and_are_only_skipped(string host, ListenMode mode)
    {
        var plan = SocketPlanner.Plan(HostSpec.Parse(host), [], mode, SocketCapabilities.DualStackHost, new RecordingLogger());

        Assert.NotEmpty(plan);
        Assert.All(plan, planned =>
        {
            Assert.Empty(planned.IfDualStackRefused);
            Assert.Empty(planned.IfUnavailable);
        });
    }

    [Fact]
    public void Without_dual_stack_sockets_the_plan_is_per_family_from_the_start_and_logs_nothing()
    {
        var logger = new RecordingLogger();

        var plan = SocketPlanner.Plan(HostSpec.Parse("::"), [], ListenMode.DualStack, SocketCapabilities.SeparateStacksHost, logger);

        Assert.Equal(["[::]:0 V6Only", "0.0.0.0:0"], plan.Select(Describe));
        Assert.Empty(logger.MessagesAt(LogLevel.Warning));
    }

    [Fact]
    public void The_binder_executes_the_fallback_the_plan_names_and_logs_it_once()
    {
        var logger = new RecordingLogger();

        // 2001:db8::/32 is for documentation: never assigned here, so the OS refuses the bind as not available. Binding
        // sends nothing.
        PlannedSocket unavailable = PlannedSocket.IPv6(IPAddress.Parse("2001:db8::1")) with { IfUnavailable = [PlannedSocket.IPv4(IPAddress.Loopback)] };
        var binder = new SocketBinder(HostSpec.Parse("2001:db8::1"), 0, ListenMode.Auto, SocketType.Stream, ProtocolType.Tcp, backlog: 1, logger);

        Socket bound = Assert.Single(binder.Bind([unavailable]));

        using (bound)
        {
            Assert.Equal(IPAddress.Loopback, ((IPEndPoint)bound.LocalEndPoint!).Address);
            string warning = Assert.Single(logger.MessagesAt(LogLevel.Warning));
            // Port 0 and nothing bound yet: no port to name, and ":0" would read as one.
            Assert.StartsWith("Skipped [2001:db8::1] (port chosen by the OS) (IPv6): AddressNotAvailable", warning, System.StringComparison.Ordinal);
            Assert.EndsWith("; binding 127.0.0.1 (port chosen by the OS) instead", warning, System.StringComparison.Ordinal);
            Assert.DoesNotContain(":0", warning, System.StringComparison.Ordinal);
        }
    }

    private static string Describe(PlannedSocket planned)
        => new IPEndPoint(planned.Address, 0) + (planned.IsIPv6 && planned.V6Only ? " V6Only" : string.Empty);
}
