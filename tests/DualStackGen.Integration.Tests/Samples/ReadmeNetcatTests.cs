using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Namespaces;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Samples;

/// <summary>
/// The README's netcat line for the UDP sample, run as written against the running sample with Debian's
/// netcat-openbsd (which .ci/run installs): it must print the echo, as <c>-q1</c> did not.
/// </summary>
public sealed partial class ReadmeNetcatTests
{
    [Fact]
    public async Task The_readmes_udp_netcat_command_prints_the_echo()
    {
        RequireNetcat();
        Match command = ReadmeUdpCommand().Match(File.ReadAllText(Path.Combine(Repository.Root, "README.md")));
        Assert.True(command.Success, "the README shows how to talk to the UDP sample with nc");
        await using RunningProgram server = RunningProgram.Start("UdpEcho", "--port", "0");
        int port = await server.WaitForListeningPortAsync("UDP echo server on ", UdpBanner());

        string shell = command.Groups["command"].Value.Replace("8081", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var netcat = Process.Start(new ProcessStartInfo("bash", ["-c", shell]) { RedirectStandardOutput = true })!;
        string printed = await netcat.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await netcat.WaitForExitAsync();

        Assert.Equal("hello\n", printed);
        await server.InterruptExpectingCleanExitAsync();
    }

    private static void RequireNetcat()
    {
        if (File.Exists("/usr/bin/nc") || File.Exists("/bin/nc"))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(NetworkNamespace.RequireVariable) == "1")
        {
            Assert.Fail($"{NetworkNamespace.RequireVariable}=1 but nc (netcat-openbsd) is not installed");
        }

        Assert.Skip($"nc (netcat-openbsd) is not installed. Set {NetworkNamespace.RequireVariable}=1 to make this a failure.");
    }

    [GeneratedRegex(@"`(?<command>echo hello \| nc -u [^`]*::1 8081)`")]
    private static partial Regex ReadmeUdpCommand();

    [GeneratedRegex(@"^UDP echo server on \[::\]:(?<port>\d+); Ctrl\+C stops it\.$")]
    private static partial Regex UdpBanner();
}
