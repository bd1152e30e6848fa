using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>
/// The connection limit a server takes from the descriptor limit when MaxConcurrentConnections is 0, checked against
/// what the kernel reports for this process in /proc/self/limits. (Exhaustion itself, under ulimit -n, runs in a child
/// process: see the integration tests.)
/// </summary>
public sealed class DescriptorLimitTests
{
    [Fact]
    public async Task With_no_limit_set_a_server_on_linux_takes_the_soft_descriptor_limit_less_headroom_and_logs_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc/self/limits is Linux's");
        var logger = new RecordingLogger();
        await using var runner = new TcpServerRunner("Descriptors", new TcpServerOptions { Host = "::1", Logger = logger }, static (_, _) => ValueTask.CompletedTask);

        await runner.StartAsync();

        long soft = SoftOpenFilesLimit();
        int limit = runner.EffectiveMaxConcurrentConnections;
        Assert.InRange(limit, 1, soft - DescriptorLimit.MinimumHeadroom - 1);
        Assert.True(soft - limit >= soft / 8, $"limit {limit} leaves at least an eighth of {soft} to the runtime");
        string derived = Assert.Single(logger.MessagesAt(LogLevel.Information), line => line.Contains("MaxConcurrentConnections is 0", StringComparison.Ordinal));
        Assert.Contains($"at most {limit} connections", derived, StringComparison.Ordinal);
        Assert.Contains($"soft file-descriptor limit {soft} less {soft - limit}", derived, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_set_in_the_options_is_used_as_it_is()
    {
        await using var runner = new TcpServerRunner("Descriptors", new TcpServerOptions { Host = "::1", MaxConcurrentConnections = 3 }, static (_, _) => ValueTask.CompletedTask);

        await runner.StartAsync();

        Assert.Equal(3, runner.EffectiveMaxConcurrentConnections);
    }

    [Fact]
    public void The_soft_limit_read_is_the_one_the_kernel_reports_and_raising_never_lowers_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc/self/limits is Linux's");
        long before = SoftOpenFilesLimit();

        long? read = DescriptorLimit.Prepare(raise: true, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.Equal(SoftOpenFilesLimit(), read);
        Assert.True(read >= before);
        Assert.Equal(HardOpenFilesLimit(), read);
    }

    [Fact]
    public void The_derived_limit_leaves_the_descriptors_open_now_and_a_reserve()
    {
        int open = DescriptorLimit.CountOpenDescriptors();
        Assert.True(open > 0 || !OperatingSystem.IsLinux(), "a running .NET process has descriptors open");

        (int limit, long headroom) = DescriptorLimit.ConnectionLimitFor(256);

        Assert.True(headroom >= DescriptorLimit.MinimumHeadroom, $"headroom {headroom}");
        Assert.Equal(Math.Max(1, 256 - headroom), limit);
        Assert.Equal(1, DescriptorLimit.ConnectionLimitFor(10).Limit);
    }

    private static long SoftOpenFilesLimit() => long.Parse(OpenFilesLine()[3], System.Globalization.CultureInfo.InvariantCulture);

    private static long HardOpenFilesLimit() => long.Parse(OpenFilesLine()[4], System.Globalization.CultureInfo.InvariantCulture);

    // "Max open files            20000                20000                files"
    private static string[] OpenFilesLine() =>
        File.ReadAllLines("/proc/self/limits").Single(line => line.StartsWith("Max open files", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
