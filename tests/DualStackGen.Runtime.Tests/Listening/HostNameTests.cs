using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;

namespace DualStackGen.Runtime.Tests.Listening;

public sealed class HostNameTests
{
    [Fact]
    public async Task A_name_is_resolved_once_and_every_distinct_address_is_bound_on_one_port()
    {
        var resolver = ScriptedResolver.Returning("127.0.0.1", "::1", "::ffff:127.0.0.1", "::1");

        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "service.test", HostNameResolver = resolver });

        Assert.Equal(1, resolver.Calls);
        Assert.Equal(["127.0.0.1", "[::1] v6only=1"], listeners.Sockets.Select(Loopback.Describe));
        Assert.Equal(listeners.LocalEndPoints[0].Port, listeners.LocalEndPoints[1].Port);
        Assert.Equal(SocketError.Success, await Loopback.TryConnectAsync(IPAddress.Loopback, listeners.Port));
        Assert.Equal(SocketError.Success, await Loopback.TryConnectAsync(IPAddress.IPv6Loopback, listeners.Port));
    }

    [Fact]
    public async Task The_name_is_resolved_without_its_trailing_dot()
    {
        string? asked = null;
        var resolver = new ScriptedResolver((name, _) =>
        {
            asked = name;
            return Task.FromResult(new[] { IPAddress.Loopback });
        });

        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = "service.test.", HostNameResolver = resolver });

        Assert.Equal("service.test", asked);
    }

    [Theory]
    [InlineData(ListenMode.IPv4Only, "127.0.0.1")]
    [InlineData(ListenMode.IPv6Only, "[::1] v6only=1")]
    public async Task A_single_family_mode_binds_only_that_family_of_the_results(ListenMode mode, string expected)
    {
        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "service.test", Mode = mode, HostNameResolver = ScriptedResolver.Returning("::1", "127.0.0.1") });

        Assert.Equal([expected], listeners.Sockets.Select(Loopback.Describe));
    }

    [Fact]
    public async Task A_name_with_no_address_of_the_mode_family_fails_naming_the_results()
    {
        var error = await Assert.ThrowsAsync<ListenException>(() => DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "v6.test", Mode = ListenMode.IPv4Only, HostNameResolver = ScriptedResolver.Returning("::1") }));

        Assert.Contains("Could not listen on host \"v6.test\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("it resolved to ::1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookup_that_hangs_times_out_with_a_clear_error()
    {
        var resolver = new ScriptedResolver((_, _) => new TaskCompletionSource<IPAddress[]>().Task);

        var error = await Assert.ThrowsAsync<ListenException>(() => DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "slow.test", Port = 8080, HostNameResolver = resolver, ResolveTimeout = TimeSpan.FromMilliseconds(50) }));

        Assert.Equal("Could not listen on host \"slow.test\" port 8080 (mode Auto): resolving the host name did not finish within 0.05 s.", error.Message);
    }

    [Fact]
    public async Task A_lookup_is_cancelled_by_the_callers_token()
    {
        var resolver = new ScriptedResolver((_, token) => Task.Delay(Timeout.Infinite, token).ContinueWith(_ => Array.Empty<IPAddress>(), TaskScheduler.Default));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "slow.test", HostNameResolver = resolver }, cancellation.Token));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_names_the_host_and_the_os_error()
    {
        var resolver = new ScriptedResolver((_, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)));

        var error = await Assert.ThrowsAsync<ListenException>(() => DualStackListener.ListenTcpAsync(
            new ListenOptions { Host = "missing.test", HostNameResolver = resolver }));

        Assert.Contains("host \"missing.test\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not be resolved: HostNotFound", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("::1")]
    [InlineData("127.0.0.1")]
    [InlineData("::")]
    public async Task Literals_and_localhost_never_reach_the_resolver(string host)
    {
        var resolver = new ScriptedResolver((_, _) => throw new InvalidOperationException("resolver must not be called"));

        await using TcpListenerSet listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = host, HostNameResolver = resolver });

        Assert.Equal(0, resolver.Calls);
    }
}
