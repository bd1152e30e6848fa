using System;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Samples;

/// <summary>
/// The samples' command line as a user types it: a host without a mode follows the host, numbers for ports and
/// modes are checked in the command line's own words, and an empty host (an unset <c>$HOST</c>) is refused.
/// </summary>
public sealed partial class SampleCommandLineTests
{
    [Fact]
    public async Task Host_127_0_0_1_without_a_mode_listens_on_ipv4_loopback_only_although_the_sample_says_dual_stack()
    {
        await using RunningProgram server = RunningProgram.Start("EchoServer", "--host", "127.0.0.1", "--port", "0");
        int port = await server.WaitForListeningPortAsync("Echo server on ", IPv4LoopbackBanner());

        int clientPort = await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "over IPv4");
        await server.WaitForLineAsync(line => line == $"127.0.0.1:{clientPort} connected", "for the IPv4 client");
        await LoopbackEcho.AssertRefusedAsync(IPAddress.IPv6Loopback, port);
        await server.InterruptExpectingCleanExitAsync();
    }

    [Fact]
    public async Task Host_with_an_explicit_mode_keeps_that_mode_and_reports_the_contradiction()
    {
        await using RunningProgram server = RunningProgram.Start("EchoServer", "--host", "127.0.0.1", "--mode", "DualStack", "--port", "0");

        await server.WaitForLineAsync(line => line.StartsWith("stderr: ", StringComparison.Ordinal) && line.Contains("127.0.0.1", StringComparison.Ordinal), "naming the host the mode cannot serve");
        Assert.Equal(1, await server.WaitForExitAsync());
    }

    [Theory]
    [InlineData("EchoServer", "70000")]
    [InlineData("UdpEcho", "70000")]
    [InlineData("EchoServer", "-1")]
    public async Task A_port_out_of_range_is_refused_in_the_command_lines_words(string sample, string port)
    {
        await using RunningProgram server = RunningProgram.Start(sample, "--port", port);

        string line = await server.WaitForLineAsync(line => line.StartsWith("stderr: ", StringComparison.Ordinal), "with the error");
        Assert.Equal($"stderr: --port \"{port}\" is not a port: a whole number from 0 to 65535 (0 lets the OS pick one).", line);
        Assert.Equal(2, await server.WaitForExitAsync());
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("Auto, IPv4Only")]
    public async Task A_mode_that_is_not_a_name_is_refused(string mode)
    {
        await using RunningProgram server = RunningProgram.Start("EchoServer", "--mode", mode);

        string line = await server.WaitForLineAsync(line => line.StartsWith("stderr: ", StringComparison.Ordinal), "with the error");
        Assert.Equal($"stderr: --mode \"{mode}\" is not one of Auto, DualStack, SeparateSockets, IPv6Only, IPv4Only (case-insensitive).", line);
        Assert.Equal(2, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task A_mode_name_in_any_case_is_taken()
    {
        await using RunningProgram server = RunningProgram.Start("EchoServer", "--mode", "ipv6only", "--port", "0");
        int port = await server.WaitForListeningPortAsync("Echo server on ", IPv6AnyBanner());

        await LoopbackEcho.TcpAsync(IPAddress.IPv6Loopback, port, "over IPv6");
        await server.InterruptExpectingCleanExitAsync();
    }

    [Theory]
    [InlineData("EchoServer")]
    [InlineData("UdpEcho")]
    public async Task An_empty_host_is_refused_naming_the_wildcards(string sample)
    {
        await using RunningProgram server = RunningProgram.Start(sample, "--host", "", "--port", "0");

        string line = await server.WaitForLineAsync(line => line.StartsWith("stderr: ", StringComparison.Ordinal), "with the error");
        Assert.StartsWith("stderr: The host is empty.", line, StringComparison.Ordinal);
        Assert.Contains("\"::\" (or \"*\")", line, StringComparison.Ordinal);
        Assert.Equal(1, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task An_empty_host_in_the_hosted_servers_configuration_stops_the_host_naming_the_key()
    {
        await using RunningProgram host = RunningProgram.Start("HostedServer", "--EchoServer:Host=", "--EchoServer:Port=0", "--UdpEchoServer:Port=0");

        await host.WaitForLineAsync(line => line.Contains("EchoServer:Host = \"\" is not valid: the host is empty", StringComparison.Ordinal), "naming the empty key");
        Assert.NotEqual(0, await host.WaitForExitAsync());
    }

    [GeneratedRegex(@"^Echo server on 127\.0\.0\.1:(?<port>\d+); Ctrl\+C stops it\.$")]
    private static partial Regex IPv4LoopbackBanner();

    [GeneratedRegex(@"^Echo server on \[::\]:(?<port>\d+); Ctrl\+C stops it\.$")]
    private static partial Regex IPv6AnyBanner();
}
