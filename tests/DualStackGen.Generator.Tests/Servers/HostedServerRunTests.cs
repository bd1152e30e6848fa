using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using DualStackGen.Generator.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static DualStackGen.Generator.Tests.Support.LoopbackClient;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>
/// Generated servers compiled with Microsoft.Extensions.Hosting referenced, registered with their generated
/// <c>Add&lt;Name&gt;</c> in a real generic host (in-memory configuration, a capturing logger provider), and talked to
/// over 127.0.0.1 and ::1. The attribute says port 8080/8081 and IPv4 only, so every test that serves both loopbacks
/// on an OS-picked port also proves that the configuration section was applied.
/// </summary>
public sealed class HostedServerRunTests
{
    private static readonly Lazy<Assembly> UserAssembly = new(() => CompiledUserCode.LoadWithHosting("""
        using System;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        namespace UserCode;

        public sealed class Greeting
        {
            public Greeting(string text) => Text = text;

            public string Text { get; }
        }

        [TcpServer("0.0.0.0", 8080, Mode = ListenMode.IPv4Only)]
        public partial class GreetingServer
        {
            private readonly Greeting _greeting;
            private readonly Action<string> _record;

            public GreetingServer(Greeting greeting, Action<string> record)
            {
                _greeting = greeting;
                _record = record;
            }

            private async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
            {
                await connection.Stream.WriteAsync(Encoding.UTF8.GetBytes(_greeting.Text), cancellationToken);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _record("cancelled " + connection.RemoteEndPoint);
                    throw;
                }
            }
        }

        [UdpServer("0.0.0.0", 8081, Mode = ListenMode.IPv4Only)]
        internal partial class UdpGreeting
        {
            private readonly Greeting _greeting;

            public UdpGreeting(Greeting greeting) => _greeting = greeting;

            private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken)
                => datagram.ReplyAsync(Encoding.UTF8.GetBytes(_greeting.Text + " " + Encoding.UTF8.GetString(datagram.Payload.Span)), cancellationToken);
        }

        public sealed class Release
        {
            public TaskCompletionSource Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        [TcpServer("127.0.0.1", 0)]
        public partial class StubbornServer
        {
            private readonly Release _release;

            public StubbornServer(Release release) => _release = release;

            // Ignores its token on purpose: only a stop that does not wait for handlers can return before the test releases it.
            private async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
            {
                await connection.Stream.WriteAsync(Encoding.UTF8.GetBytes("stubborn"), CancellationToken.None);
                await _release.Signal.Task;
            }
        }

        [TcpServer("127.0.0.1", 0)]
        public partial class TaggedServer
        {
            public TaggedServer(Greeting greeting, params string[] tags) => TagCount = tags.Length;

            public int TagCount { get; }

            protected virtual void Dispose(bool disposing)
            {
            }

            private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
        }
        """));

    private static readonly Dictionary<string, string?> DualStackOnAnyPort = new()
    {
        ["GreetingServer:Host"] = "::",
        ["GreetingServer:Port"] = "0",
        ["GreetingServer:Mode"] = "DualStack",
        ["UdpGreeting:Host"] = "::",
        ["UdpGreeting:Port"] = "0",
        ["UdpGreeting:mode"] = "dualstack",
    };

    [Fact]
    public async Task A_hosted_tcp_server_serves_both_loopbacks_with_its_dependency_logs_to_ILogger_and_stops_with_the_host()
    {
        var records = Channel.CreateUnbounded<string>();
        var logs = new CapturingLoggerProvider();
        using IHost host = BuildHost(DualStackOnAnyPort, logs, records, "GreetingServer");
        await host.StartAsync().WaitAsync(WaitLimit);

        object server = host.Services.GetRequiredService(UserType("GreetingServer"));
        Assert.Contains(server, host.Services.GetServices<IHostedService>());
        IReadOnlyList<IPEndPoint> endPoints = LocalEndPoints(server);
        int port = endPoints[0].Port;
        Assert.NotEqual(8080, port);

        using Socket ipv4 = await ConnectAsync(IPAddress.Loopback, port);
        using Socket ipv6 = await ConnectAsync(IPAddress.IPv6Loopback, port);
        Assert.Equal("hello", await ReceiveAsync(ipv4, "hello".Length));
        Assert.Equal("hello", await ReceiveAsync(ipv6, "hello".Length));
        Assert.Contains(logs.MessagesOf("UserCode.GreetingServer", LogLevel.Information), message => message.StartsWith("Listening on ", StringComparison.Ordinal));

        await host.StopAsync().WaitAsync(WaitLimit);

        string[] cancelled = [await NextAsync(records), await NextAsync(records)];
        Assert.Equivalent(new[] { "cancelled " + ipv4.LocalEndPoint, "cancelled " + ipv6.LocalEndPoint }, cancelled);
        await AssertClosedAsync(ipv4);
        await AssertClosedAsync(ipv6);
        Assert.Contains("GreetingServer: stopped", logs.MessagesOf("UserCode.GreetingServer", LogLevel.Information));
        Assert.Empty(LocalEndPoints(server));
    }

    [Fact]
    public async Task A_hosted_server_records_its_metrics_on_the_meter_of_the_hosts_meter_factory()
    {
        using IHost host = BuildHost(DualStackOnAnyPort, new CapturingLoggerProvider(), Channel.CreateUnbounded<string>(), "GreetingServer");
        IMeterFactory hostFactory = host.Services.GetRequiredService<IMeterFactory>();
        var accepted = Channel.CreateUnbounded<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == ServerMetricNames.MeterName && ReferenceEquals(instrument.Meter.Scope, hostFactory) && instrument.Name == ServerMetricNames.ConnectionsAccepted)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == ServerMetricNames.NetworkTypeTag)
                {
                    accepted.Writer.TryWrite((string)tag.Value!);
                }
            }
        });
        listener.Start();
        await host.StartAsync().WaitAsync(WaitLimit);
        int port = LocalEndPoints(host.Services.GetRequiredService(UserType("GreetingServer")))[0].Port;

        using Socket ipv4 = await ConnectAsync(IPAddress.Loopback, port);
        Assert.Equal("hello", await ReceiveAsync(ipv4, "hello".Length));

        Assert.Equal("ipv4", await NextAsync(accepted));
        await host.StopAsync().WaitAsync(WaitLimit);
    }

    [Fact]
    public async Task A_hosted_udp_server_replies_over_both_loopbacks()
    {
        using IHost host = BuildHost(DualStackOnAnyPort, new CapturingLoggerProvider(), Channel.CreateUnbounded<string>(), "UdpGreeting");
        await host.StartAsync().WaitAsync(WaitLimit);
        int port = LocalEndPoints(host.Services.GetRequiredService(UserType("UdpGreeting")))[0].Port;
        Assert.NotEqual(8081, port);

        foreach (IPAddress loopback in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using var client = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            using var timeout = new CancellationTokenSource(WaitLimit);
            await client.SendToAsync(Encoding.UTF8.GetBytes("there"), SocketFlags.None, new IPEndPoint(loopback, port), timeout.Token);
            byte[] reply = new byte[64];
            int read = await client.ReceiveAsync(reply, SocketFlags.None, timeout.Token);
            Assert.Equal("hello there", Encoding.UTF8.GetString(reply, 0, read));
        }

        await host.StopAsync().WaitAsync(WaitLimit);
    }

    [Fact]
    public async Task The_configured_host_decides_the_families()
    {
        var settings = new Dictionary<string, string?> { ["GreetingServer:Host"] = "::1", ["GreetingServer:Port"] = "0", ["GreetingServer:Mode"] = "Auto" };
        using IHost host = BuildHost(settings, new CapturingLoggerProvider(), Channel.CreateUnbounded<string>(), "GreetingServer");
        await host.StartAsync().WaitAsync(WaitLimit);

        IPEndPoint endPoint = Assert.Single(LocalEndPoints(host.Services.GetRequiredService(UserType("GreetingServer"))));
        Assert.Equal(IPAddress.IPv6Loopback, endPoint.Address);
        using Socket ipv6 = await ConnectAsync(IPAddress.IPv6Loopback, endPoint.Port);
        Assert.Equal("hello", await ReceiveAsync(ipv6, "hello".Length));

        await host.StopAsync().WaitAsync(WaitLimit);
    }

    [Fact]
    public async Task Configure_runs_after_the_configuration_section()
    {
        var settings = new Dictionary<string, string?> { ["GreetingServer:Host"] = "::1", ["GreetingServer:Port"] = "0", ["GreetingServer:Mode"] = "Auto" };
        Action<TcpServerOptions> configure = options => options.Host = "127.0.0.1";
        using IHost host = BuildHost(settings, new CapturingLoggerProvider(), Channel.CreateUnbounded<string>(), "GreetingServer", configure);
        await host.StartAsync().WaitAsync(WaitLimit);

        IPEndPoint endPoint = Assert.Single(LocalEndPoints(host.Services.GetRequiredService(UserType("GreetingServer"))));
        Assert.Equal(IPAddress.Loopback, endPoint.Address);

        await host.StopAsync().WaitAsync(WaitLimit);
    }

    [Fact]
    public async Task A_bad_configuration_value_fails_the_start_naming_the_key()
    {
        var settings = new Dictionary<string, string?> { ["GreetingServer:Port"] = "70000" };
        using IHost host = BuildHost(settings, new CapturingLoggerProvider(), Channel.CreateUnbounded<string>(), "GreetingServer");

        FormatException error = await Assert.ThrowsAsync<FormatException>(() => host.StartAsync().WaitAsync(WaitLimit));

        Assert.Contains("GreetingServer:Port = \"70000\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_is_logged_as_a_warning_through_the_servers_logger()
    {
        var settings = new Dictionary<string, string?>(DualStackOnAnyPort) { ["GreetingServer:Prot"] = "9" };
        var logs = new CapturingLoggerProvider();
        using IHost host = BuildHost(settings, logs, Channel.CreateUnbounded<string>(), "GreetingServer");
        await host.StartAsync().WaitAsync(WaitLimit);

        string warning = Assert.Single(logs.MessagesOf("UserCode.GreetingServer", LogLevel.Warning));
        Assert.Contains("GreetingServer:Prot", warning, StringComparison.Ordinal);

        await host.StopAsync().WaitAsync(WaitLimit);
    }

    [Fact]
    public void Registering_the_same_server_twice_throws_instead_of_dropping_the_second_configure()
    {
        var services = new ServiceCollection();
        AddServer(services, "GreetingServer", null);

        var error = Assert.Throws<InvalidOperationException>(() => AddServer(services, "GreetingServer", null));

        Assert.Contains("GreetingServer is already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_synchronously_disposed_service_provider_stops_the_server_without_waiting_and_releases_the_port()
    {
        var records = Channel.CreateUnbounded<string>();
        var services = new ServiceCollection();
        services.AddSingleton(UserType("Greeting"), Activator.CreateInstance(UserType("Greeting"), "hello")!);
        services.AddSingleton<Action<string>>(line => records.Writer.TryWrite(line));
        Action<TcpServerOptions> configure = options =>
        {
            options.Host = "127.0.0.1";
            options.Port = 0;
        };
        AddServer(services, "GreetingServer", configure);
        ServiceProvider provider = services.BuildServiceProvider();
        var server = (IHostedService)provider.GetRequiredService(UserType("GreetingServer"));
        await server.StartAsync(CancellationToken.None).WaitAsync(WaitLimit);
        int port = LocalEndPoints(server)[0].Port;
        using Socket client = await ConnectAsync(IPAddress.Loopback, port);
        Assert.Equal("hello", await ReceiveAsync(client, "hello".Length));

        // Off the test thread only so that a Dispose that blocks fails the test at the limit instead of hanging it.
        await Task.Run(provider.Dispose).WaitAsync(WaitLimit);

        Assert.Equal("cancelled " + client.LocalEndPoint, await NextAsync(records));
        await AssertClosedAsync(client);
        Assert.False((bool)server.GetType().GetProperty("IsRunning")!.GetValue(server)!);

        using var rebound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        rebound.Bind(new IPEndPoint(IPAddress.Loopback, port));
        rebound.Listen();
    }

    [Fact]
    public async Task A_synchronous_dispose_does_not_wait_out_the_stop_timeout_for_a_handler_that_ignores_cancellation()
    {
        object release = Activator.CreateInstance(UserType("Release"))!;
        var signal = (TaskCompletionSource)release.GetType().GetProperty("Signal")!.GetValue(release)!;
        var services = new ServiceCollection();
        services.AddSingleton(UserType("Release"), release);
        Action<TcpServerOptions> configure = options => options.StopTimeout = TimeSpan.FromMinutes(1);
        AddServer(services, "StubbornServer", configure);
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            var server = (IHostedService)provider.GetRequiredService(UserType("StubbornServer"));
            await server.StartAsync(CancellationToken.None).WaitAsync(WaitLimit);
            using Socket client = await ConnectAsync(IPAddress.Loopback, LocalEndPoints(server)[0].Port);
            Assert.Equal("stubborn", await ReceiveAsync(client, "stubborn".Length));

            // WaitLimit is well below the one-minute StopTimeout, so a Dispose that stops gracefully fails here.
            await Task.Run(provider.Dispose).WaitAsync(WaitLimit);

            await AssertClosedAsync(client);
            Assert.False((bool)server.GetType().GetProperty("IsRunning")!.GetValue(server)!);
        }
        finally
        {
            signal.TrySetResult();
        }
    }

    [Fact]
    public async Task A_server_with_a_params_constructor_parameter_and_a_Dispose_bool_resolves_and_disposes_synchronously()
    {
        var services = new ServiceCollection();
        services.AddSingleton(UserType("Greeting"), Activator.CreateInstance(UserType("Greeting"), "hello")!);
        AddServer(services, "TaggedServer", null);
        ServiceProvider provider = services.BuildServiceProvider();

        object server = provider.GetRequiredService(UserType("TaggedServer"));
        await ((IHostedService)server).StartAsync(CancellationToken.None).WaitAsync(WaitLimit);
        await Task.Run(provider.Dispose).WaitAsync(WaitLimit);

        Assert.Equal(0, (int)server.GetType().GetProperty("TagCount")!.GetValue(server)!);
        Assert.False((bool)server.GetType().GetProperty("IsRunning")!.GetValue(server)!);
    }

    private static IHost BuildHost(
        Dictionary<string, string?> settings,
        CapturingLoggerProvider logs,
        Channel<string> records,
        string serverName,
        Delegate? configure = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(UserType("Greeting"), Activator.CreateInstance(UserType("Greeting"), "hello")!);
        builder.Services.AddSingleton<Action<string>>(line => records.Writer.TryWrite(line));
        AddServer(builder.Services, serverName, configure);
        return builder.Build();
    }

    /// <summary>Calls the generated <c>Add&lt;Name&gt;</c> (the test cannot name a type compiled at run time).</summary>
    private static void AddServer(IServiceCollection services, string serverName, Delegate? configure)
    {
        MethodInfo add = UserType(serverName + "ServiceCollectionExtensions").GetMethod("Add" + serverName)!;
        add.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [services, configure], null);
    }

    private static Type UserType(string name) => UserAssembly.Value.GetType("UserCode." + name, throwOnError: true)!;

    private static IReadOnlyList<IPEndPoint> LocalEndPoints(object server) =>
        (IReadOnlyList<IPEndPoint>)server.GetType().GetProperty("LocalEndPoints")!.GetValue(server)!;
}
