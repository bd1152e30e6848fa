using System.Linq;
using System.Net;
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

    private static string Describe(PlannedSocket planned)
        => new IPEndPoint(planned.Address, 0) + (planned.IsIPv6 && planned.V6Only ? " V6Only" : string.Empty);
}
