using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Namespaces;

/// <summary>
/// Runs the namespace probe (tests/DualStackGen.NamespaceProbe) inside a fresh network namespace made with
/// <c>unshare -n</c>, after shell commands that turn the namespace into the host under test.
/// </summary>
/// <remarks>
/// Needs root (CAP_SYS_ADMIN), util-linux's unshare and iproute2's ip. Without them the tests skip with the
/// reason, except when <see cref="RequireVariable"/> is 1 (as .ci/run sets it): then a skip is a failure.
/// </remarks>
internal static class NetworkNamespace
{
    public const string RequireVariable = "DUALSTACKGEN_REQUIRE_NAMESPACE_TESTS";

    private static readonly Lazy<string?> UnavailableReason = new(FindUnavailableReason);

    /// <summary>Skips the calling test, or fails it when namespace tests are required, if namespaces cannot be made.</summary>
    public static void RequireAvailable()
    {
        if (UnavailableReason.Value is not string reason)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1 but the network-namespace tests cannot run: {reason}");
        }

        Assert.Skip($"Network-namespace test skipped: {reason}. Set {RequireVariable}=1 to make this a failure.");
    }

    /// <summary>Runs the probe with <paramref name="probeArguments"/> after <paramref name="setup"/> in a new namespace.</summary>
    /// <param name="setup">Shell commands run first, as root, inside the namespace; loopback is already up.</param>
    public static ProbeReport RunProbe(string setup, params string[] probeArguments)
    {
        RequireAvailable();
        string probe = DotnetHost.Program("DualStackGen.NamespaceProbe");
        string script = $"set -e; ip link set lo up; {setup}; exec \"$0\" \"$@\"";
        (int exitCode, string output, string errors) = Run("unshare", ["-n", "sh", "-c", script, DotnetHost.Path, probe, .. probeArguments]);
        Assert.True(exitCode == 0, $"The probe failed (exit {exitCode}).\nstdout:\n{output}\nstderr:\n{errors}");
        return new ProbeReport(output);
    }

    private static string? FindUnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        string? effectiveUid = File.ReadLines("/proc/self/status")
            .FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal))?
            .Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2);
        if (effectiveUid != "0")
        {
            return $"not running as root (effective uid {effectiveUid}); unshare -n needs CAP_SYS_ADMIN";
        }

        try
        {
            (int exitCode, _, string errors) = Run("unshare", ["-n", "ip", "link", "set", "lo", "up"]);
            return exitCode == 0 ? null : $"'unshare -n ip link set lo up' failed (exit {exitCode}): {errors.Trim()}";
        }
        catch (Win32Exception e)
        {
            return $"unshare (util-linux) or ip (iproute2) is not installed: {e.Message}";
        }
    }

    private static (int ExitCode, string Output, string Errors) Run(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{fileName} {string.Join(' ', arguments)}' did not finish within 60 s.\nstdout so far:\n{output}");
        }

        return (process.ExitCode, output, errors.GetAwaiter().GetResult());
    }
}
