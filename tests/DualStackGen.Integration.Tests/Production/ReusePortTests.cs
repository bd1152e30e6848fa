using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Production;

/// <summary>
/// Two sample processes on one port. With <c>ReusePort</c> (the samples read <c>ECHO_REUSE_PORT=1</c>) both listen
/// and the kernel spreads new connections over them; without it the second fails to bind, for TCP and for UDP alike.
/// </summary>
public sealed class ReusePortTests(ITestOutputHelper output)
{
    private const int Connections = 200;

    private static readonly Dictionary<string, string> ReusePort = new() { ["ECHO_REUSE_PORT"] = "1" };

    [Fact]
    public async Task Two_processes_with_ReusePort_share_a_port_and_the_kernel_spreads_200_connections_over_both()
    {
        await using RunningProgram first = RunningProgram.StartExecutable(DotnetHost.Path, [DotnetHost.Program("EchoServer"), "--port", "0"], ReusePort);
        int port = await first.WaitForBannerPortAsync("Echo server on ");
        await using RunningProgram second = RunningProgram.StartExecutable(DotnetHost.Path, [DotnetHost.Program("EchoServer"), "--port", port.ToString()], ReusePort);
        Assert.Equal(port, await second.WaitForBannerPortAsync("Echo server on "));

        var clientPorts = new List<string>();
        for (int i = 0; i < Connections; i++)
        {
            IPAddress address = i % 2 == 0 ? IPAddress.Loopback : IPAddress.IPv6Loopback;
            int clientPort = await LoopbackEcho.TcpAsync(address, port, $"connection {i}");
            clientPorts.Add(i % 2 == 0 ? $"127.0.0.1:{clientPort} connected" : $"[::1]:{clientPort} connected");
        }

        // Each connection is logged by the one process that served it.
        string last = clientPorts[^1];
        await Task.WhenAny(first.WaitForLineAsync(line => line == last, "for the last client"), second.WaitForLineAsync(line => line == last, "for the last client"));
        await Task.Delay(200);
        int servedByFirst = clientPorts.Count(first.Output.Contains);
        int servedBySecond = clientPorts.Count(second.Output.Contains);
        output.WriteLine($"{Connections} connections over two ReusePort processes: {servedByFirst} / {servedBySecond}");
        Assert.Equal(Connections, servedByFirst + servedBySecond);
        Assert.InRange(servedByFirst, 1, Connections - 1);

        first.Signal("TERM");
        second.Signal("TERM");
        await first.ExpectCleanExitAsync();
        await second.ExpectCleanExitAsync();
    }

    [Theory]
    [InlineData("EchoServer", "Echo server on ")]
    [InlineData("UdpEcho", "UDP echo server on ")]
    public async Task Without_ReusePort_a_second_process_on_the_port_fails_to_bind(string sample, string banner)
    {
        await using RunningProgram first = RunningProgram.StartExecutable(DotnetHost.Path, [DotnetHost.Program(sample), "--port", "0"]);
        int port = await first.WaitForBannerPortAsync(banner);
        await using RunningProgram second = RunningProgram.StartExecutable(DotnetHost.Path, [DotnetHost.Program(sample), "--port", port.ToString()]);

        Assert.Equal(1, await second.WaitForExitAsync());
        string error = string.Join('\n', second.Output.Where(line => line.StartsWith("stderr: ", StringComparison.Ordinal)));
        output.WriteLine(error);
        Assert.Contains($"binding [::]:{port} failed", error, StringComparison.Ordinal);
        Assert.Contains("AddressAlreadyInUse", error, StringComparison.Ordinal);

        // A first process with ReusePort does not open the port to a second without it either.
        first.Signal("TERM");
        await first.ExpectCleanExitAsync();
        await using RunningProgram sharing = RunningProgram.StartExecutable(DotnetHost.Path, [DotnetHost.Program(sample), "--port", port.ToString()], ReusePort);
        await sharing.WaitForBannerPortAsync(banner);
        await using RunningProgram notSharing = RunningProgram.StartExecutable(DotnetHost.Path, [DotnetHost.Program(sample), "--port", port.ToString()]);
        Assert.Equal(1, await notSharing.WaitForExitAsync());
        Assert.Contains(notSharing.Output, line => line.Contains("AddressAlreadyInUse", StringComparison.Ordinal));
        sharing.Signal("TERM");
        await sharing.ExpectCleanExitAsync();
    }
}
