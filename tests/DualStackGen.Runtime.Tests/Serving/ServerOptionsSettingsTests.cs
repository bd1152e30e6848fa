using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DualStackGen.Runtime.Tests.Serving;

/// <summary>
/// <see cref="ServerOptions.ApplySettings"/>: configuration text (as a generic host's configuration section hands it
/// over) applied to the options, every key, its bad values, unknown keys and case.
/// </summary>
public sealed class ServerOptionsSettingsTests
{
    [Fact]
    public void Every_common_key_is_applied()
    {
        var options = new TcpServerOptions();

        IReadOnlyList<string> unknown = options.ApplySettings("EchoServer", Settings(
            ("Host", "localhost"), ("Port", "9080"), ("Mode", "SeparateSockets"), ("StopTimeout", "00:00:02.5000000"), ("ResolveTimeout", "00:01:00")));

        Assert.Empty(unknown);
        Assert.Equal("localhost", options.Host);
        Assert.Equal(9080, options.Port);
        Assert.Equal(ListenMode.SeparateSockets, options.Mode);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), options.StopTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.ResolveTimeout);
    }

    [Fact]
    public void Tcp_keys_are_applied()
    {
        var options = new TcpServerOptions();

        options.ApplySettings("EchoServer", Settings(("Backlog", "64"), ("MaxConcurrentConnections", "10")));

        Assert.Equal(64, options.Backlog);
        Assert.Equal(10, options.MaxConcurrentConnections);
    }

    [Fact]
    public void Udp_keys_are_applied()
    {
        var options = new UdpServerOptions();

        options.ApplySettings("UdpEcho", Settings(("MaxDatagramSize", "1500")));

        Assert.Equal(1500, options.MaxDatagramSize);
    }

    [Fact]
    public void Keys_and_mode_names_are_case_insensitive()
    {
        var options = new TcpServerOptions();

        IReadOnlyList<string> unknown = options.ApplySettings("EchoServer", Settings(
            ("HOST", "localhost"), ("port", "81"), ("mOdE", "dualstack"), ("stoptimeout", "00:00:01"), ("BACKLOG", "7")));

        Assert.Empty(unknown);
        Assert.Equal("localhost", options.Host);
        Assert.Equal(81, options.Port);
        Assert.Equal(ListenMode.DualStack, options.Mode);
        Assert.Equal(TimeSpan.FromSeconds(1), options.StopTimeout);
        Assert.Equal(7, options.Backlog);
    }

    [Fact]
    public void Keys_that_are_absent_or_without_a_value_leave_their_option_alone()
    {
        var options = new TcpServerOptions { Host = "::1", Port = 5, Mode = ListenMode.IPv6Only };

        IReadOnlyList<string> unknown = options.ApplySettings("EchoServer", Settings(("Port", null)));

        Assert.Empty(unknown);
        Assert.Equal("::1", options.Host);
        Assert.Equal(5, options.Port);
        Assert.Equal(ListenMode.IPv6Only, options.Mode);
    }

    [Fact]
    public void Infinite_stop_timeout_is_accepted()
    {
        var options = new UdpServerOptions();

        options.ApplySettings("UdpEcho", Settings(("StopTimeout", "-00:00:00.0010000")));

        Assert.Equal(Timeout.InfiniteTimeSpan, options.StopTimeout);
    }

    [Theory]
    [InlineData("Port", "70000", "0 to 65535")]
    [InlineData("Port", "-1", "0 to 65535")]
    [InlineData("Port", "eighty", "0 to 65535")]
    [InlineData("Mode", "1", "Auto, DualStack, SeparateSockets, IPv6Only, IPv4Only")]
    [InlineData("Mode", "DualStack, IPv4Only", "Auto, DualStack, SeparateSockets, IPv6Only, IPv4Only")]
    [InlineData("Mode", "Dual", "Auto, DualStack, SeparateSockets, IPv6Only, IPv4Only")]
    [InlineData("StopTimeout", "5s", "\"c\" format")]
    [InlineData("StopTimeout", "-00:00:01", "\"c\" format")]
    [InlineData("ResolveTimeout", "00:00:00", "a positive time span")]
    [InlineData("Backlog", "0", "at least 1")]
    [InlineData("MaxConcurrentConnections", "-3", "at least 0")]
    [InlineData("Host", "1.2.3", "Host \"1.2.3\" is not valid")]
    [InlineData("Host", "example.com:80", "give the port separately")]
    public void A_bad_tcp_value_throws_naming_the_full_key_the_value_and_what_is_accepted(string key, string value, string accepted)
    {
        var options = new TcpServerOptions();

        FormatException error = Assert.Throws<FormatException>(() => options.ApplySettings("EchoServer", Settings((key, value))));

        Assert.Contains($"EchoServer:{key} = \"{value}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(accepted, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_host_throws_naming_the_key_and_what_to_write_for_any_address(string value)
    {
        var options = new TcpServerOptions { Host = "127.0.0.1" };

        FormatException error = Assert.Throws<FormatException>(() => options.ApplySettings("EchoServer", Settings(("Host", value))));

        Assert.Contains($"EchoServer:Host = \"{value}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"::\" (or \"*\")", error.Message, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", options.Host);
    }

    [Theory]
    [InlineData(" ::1 ", "::1")]
    [InlineData("\tlocalhost\n", "localhost")]
    [InlineData(" * ", "*")]
    public void The_host_is_trimmed_as_the_other_values_are(string value, string expected)
    {
        var options = new TcpServerOptions();

        options.ApplySettings("EchoServer", Settings(("Host", value)));

        Assert.Equal(expected, options.Host);
    }

    [Theory]
    [InlineData("StopTimeout", "5")]
    [InlineData("StopTimeout", " 5 ")]
    [InlineData("ResolveTimeout", "30")]
    [InlineData("ResolveTimeout", "1.5")]
    [InlineData("StopTimeout", "00:05")]
    [InlineData("ResolveTimeout", "1.00:30")]
    public void A_timeout_without_hours_minutes_and_seconds_throws_instead_of_being_read_as_days_or_minutes(string key, string value)
    {
        var options = new TcpServerOptions();

        FormatException error = Assert.Throws<FormatException>(() => options.ApplySettings("EchoServer", Settings((key, value))));

        Assert.Contains($"EchoServer:{key} = \"{value}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("write 00:00:05 for 5 seconds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:05", 0, 0, 0, 5)]
    [InlineData("1.02:03:04", 1, 2, 3, 4)]
    [InlineData(" 2.00:00:00 ", 2, 0, 0, 0)]
    public void Timeouts_with_hours_minutes_and_seconds_and_optional_days_are_accepted(string value, int days, int hours, int minutes, int seconds)
    {
        var options = new TcpServerOptions();

        options.ApplySettings("EchoServer", Settings(("StopTimeout", value), ("ResolveTimeout", value)));

        Assert.Equal(new TimeSpan(days, hours, minutes, seconds), options.StopTimeout);
        Assert.Equal(new TimeSpan(days, hours, minutes, seconds), options.ResolveTimeout);
    }

    [Fact]
    public async Task A_host_from_configuration_that_the_servers_own_mode_excludes_fails_the_start_naming_both_keys_and_where_each_came_from()
    {
        var options = new TcpServerOptions { Host = "::1", Mode = ListenMode.IPv6Only };
        options.ApplySettings("EchoServer", Settings(("Host", "127.0.0.1")));

        ArgumentException error = await StartFailsAsync(options);

        Assert.Contains("EchoServer:Host = \"127.0.0.1\" (from configuration)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mode = IPv6Only (not from configuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("ListenMode.IPv6Only excludes IPv4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_and_mode_both_from_configuration_that_contradict_each_other_fail_the_start_naming_both()
    {
        var options = new UdpServerOptions();
        options.ApplySettings("UdpEcho", Settings(("Mode", "DualStack"), ("Host", "::1")));

        await using var runner = new UdpServerRunner("UdpEcho", options, static (_, _) => ValueTask.CompletedTask);
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => runner.StartAsync().WaitAsync(Loopback.Timeout));

        Assert.Contains("UdpEcho:Host = \"::1\" (from configuration)", error.Message, StringComparison.Ordinal);
        Assert.Contains("UdpEcho:Mode = DualStack (from configuration)", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot serve both families", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mode_from_configuration_that_excludes_the_servers_own_host_fails_the_start_naming_it()
    {
        var options = new TcpServerOptions { Host = "127.0.0.1" };
        options.ApplySettings("EchoServer", Settings(("Mode", "IPv6Only")));

        ArgumentException error = await StartFailsAsync(options);

        Assert.Contains("Host = \"127.0.0.1\" (not from configuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("EchoServer:Mode = IPv6Only (from configuration)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_that_runs_after_the_settings_can_resolve_a_contradiction_they_made()
    {
        var options = new TcpServerOptions { Host = "::", Port = 0, Mode = ListenMode.IPv6Only };
        options.ApplySettings("EchoServer", Settings(("Host", "127.0.0.1")));
        options.Mode = ListenMode.IPv4Only;

        await using var runner = new TcpServerRunner("EchoServer", options, static (_, _) => ValueTask.CompletedTask);
        await runner.StartAsync().WaitAsync(Loopback.Timeout);

        Assert.Equal(IPAddress.Loopback, Assert.Single(runner.LocalEndPoints).Address);
    }

    [Fact]
    public async Task A_configured_value_that_code_replaced_is_not_blamed_on_configuration()
    {
        var options = new TcpServerOptions { Mode = ListenMode.IPv6Only };
        options.ApplySettings("EchoServer", Settings(("Host", "::1")));
        options.Host = "127.0.0.1";

        ArgumentException error = await StartFailsAsync(options);

        Assert.DoesNotContain("from configuration)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contradiction_is_not_reported_by_ApplySettings_itself()
    {
        var options = new TcpServerOptions { Host = "127.0.0.1", Mode = ListenMode.IPv6Only };

        IReadOnlyList<string> unknown = options.ApplySettings("EchoServer", Settings(("Port", "9080"), ("Mode", "IPv6Only")));

        Assert.Empty(unknown);
        Assert.Equal(9080, options.Port);
    }

    [Theory]
    [InlineData("127.0.0.1", "IPv4Only")]
    [InlineData("::ffff:127.0.0.1", "IPv4Only")]
    [InlineData("localhost", "DualStack")]
    [InlineData("::", "IPv6Only")]
    [InlineData("::1", "Auto")]
    public void A_host_and_mode_that_agree_are_applied(string host, string mode)
    {
        var options = new TcpServerOptions();

        options.ApplySettings("EchoServer", Settings(("Host", host), ("Mode", mode)));

        Assert.Equal(host, options.Host);
        Assert.Equal(Enum.Parse<ListenMode>(mode), options.Mode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65528")]
    public void A_bad_datagram_size_throws_naming_the_full_key(string value)
    {
        var options = new UdpServerOptions();

        FormatException error = Assert.Throws<FormatException>(() => options.ApplySettings("Servers:UdpEcho", Settings(("MaxDatagramSize", value))));

        Assert.Contains($"Servers:UdpEcho:MaxDatagramSize = \"{value}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 65527", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_returned_and_logged_as_a_warning_naming_them_and_the_known_ones()
    {
        var logger = new RecordingLogger();
        var options = new UdpServerOptions { Logger = logger };

        IReadOnlyList<string> unknown = options.ApplySettings("UdpEcho", Settings(
            ("Prot", "1"), ("Port", "2"), ("Backlog", "5"), ("Nested", null), ("Nested:Key", "x")));

        Assert.Equal(["UdpEcho:Prot", "UdpEcho:Backlog", "UdpEcho:Nested:Key"], unknown);
        Assert.Equal(2, options.Port);
        string warning = Assert.Single(logger.MessagesAt(LogLevel.Warning));
        Assert.Contains("UdpEcho:Prot, UdpEcho:Backlog, UdpEcho:Nested:Key", warning, StringComparison.Ordinal);
        Assert.Contains("Host, Port, Mode, StopTimeout, ResolveTimeout, ReusePort, MaxDatagramSize", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Udp_options_do_not_take_tcp_keys_and_tcp_options_do_not_take_udp_keys()
    {
        Assert.Equal(["S:MaxDatagramSize"], new TcpServerOptions().ApplySettings("S", Settings(("MaxDatagramSize", "100"))));
        Assert.Equal(["S:MaxConcurrentConnections"], new UdpServerOptions().ApplySettings("S", Settings(("MaxConcurrentConnections", "1"))));
    }

    [Fact]
    public void Known_keys_log_nothing()
    {
        var logger = new RecordingLogger();
        var options = new TcpServerOptions { Logger = logger };

        options.ApplySettings("EchoServer", Settings(("Port", "1")));

        Assert.Empty(logger.Entries);
    }

    private static async Task<ArgumentException> StartFailsAsync(TcpServerOptions options)
    {
        await using var runner = new TcpServerRunner("EchoServer", options, static (_, _) => ValueTask.CompletedTask);
        return await Assert.ThrowsAsync<ArgumentException>(() => runner.StartAsync().WaitAsync(Loopback.Timeout));
    }

    private static IEnumerable<KeyValuePair<string, string?>> Settings(params (string Key, string? Value)[] settings)
    {
        foreach ((string key, string? value) in settings)
        {
            yield return new KeyValuePair<string, string?>(key, value);
        }
    }
}
