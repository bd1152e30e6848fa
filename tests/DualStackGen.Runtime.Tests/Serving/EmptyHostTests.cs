using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>
/// An empty host is refused from every source: options set in code, configuration, the listener itself. It used to
/// mean any address, which an unset variable then opened on every interface.
/// </summary>
public sealed class EmptyHostTests
{
    [Fact]
    public async Task A_tcp_server_with_an_empty_host_in_its_options_does_not_start_and_says_what_to_write()
    {
        await using var runner = new TcpServerRunner("EmptyHost", new TcpServerOptions { Host = "" }, static (_, _) => ValueTask.CompletedTask);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => runner.StartAsync());

        AssertNamesTheWildcards(error.Message);
        Assert.False(runner.IsRunning);
        Assert.Empty(runner.LocalEndPoints);
    }

    [Fact]
    public async Task A_udp_server_with_an_empty_host_does_not_start()
    {
        await using var runner = new UdpServerRunner("EmptyHost", new UdpServerOptions { Host = "" }, static (_, _) => ValueTask.CompletedTask);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => runner.StartAsync());

        AssertNamesTheWildcards(error.Message);
    }

    [Fact]
    public async Task The_listener_refuses_an_empty_host_for_tcp_and_udp()
    {
        AssertNamesTheWildcards((await Assert.ThrowsAsync<ArgumentException>(() => DualStackListener.ListenTcpAsync(new ListenOptions { Host = "" }))).Message);
        AssertNamesTheWildcards((await Assert.ThrowsAsync<ArgumentException>(() => DualStackListener.BindUdpAsync(new ListenOptions { Host = "" }))).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_host_from_configuration_is_refused_naming_the_key(string value)
    {
        var options = new TcpServerOptions();

        FormatException error = Assert.Throws<FormatException>(() => options.ApplySettings("EchoServer", new Dictionary<string, string?> { ["Host"] = value }));

        Assert.Contains("EchoServer:Host", error.Message, StringComparison.Ordinal);
        AssertNamesTheWildcards(error.Message);
    }

    private static void AssertNamesTheWildcards(string message)
    {
        Assert.Contains("empty", message, StringComparison.Ordinal);
        Assert.Contains("\"::\"", message, StringComparison.Ordinal);
        Assert.Contains("\"*\"", message, StringComparison.Ordinal);
    }
}
