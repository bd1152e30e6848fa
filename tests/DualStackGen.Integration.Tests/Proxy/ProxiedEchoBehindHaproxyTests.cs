using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Proxy;

/// <summary>
/// samples/ProxiedEcho behind a real HAProxy in TCP mode, on both loopbacks: with <c>send-proxy</c> and
/// <c>send-proxy-v2</c> each IPv4 and IPv6 client is seen, by the handler and in the log, with its own address and
/// port; the proxy's endpoint stays available; HAProxy's health checks (LOCAL with v2) are answered; two instances
/// behind one round-robin backend both serve and both see real clients.
/// </summary>
public sealed partial class ProxiedEchoBehindHaproxyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Clients_of_both_families_through_send_proxy_and_send_proxy_v2_are_seen_with_their_own_address_and_port()
    {
        HaproxyProcess.RequireAvailable();
        await using RunningProgram server = RunningProgram.Start("ProxiedEcho", "Port=0");
        int port = await server.WaitForListeningPortAsync("Proxied echo server on ", Banner());
        int v1Port = HaproxyProcess.FreePort();
        int v2Port = HaproxyProcess.FreePort();
        await using HaproxyProcess haproxy = await HaproxyProcess.StartAsync($"""
            listen v1
                bind 127.0.0.1:{v1Port}
                bind [::1]:{v1Port}
                option tcp-check
                tcp-check expect rstring ^hello
                server echo 127.0.0.1:{port} send-proxy check check-send-proxy inter 500ms fall 10

            listen v2
                bind 127.0.0.1:{v2Port}
                bind [::1]:{v2Port}
                option tcp-check
                tcp-check expect rstring ^hello
                server echo [::1]:{port} send-proxy-v2 check check-send-proxy inter 500ms fall 10
            """, v1Port, v2Port);

        // UP only once the checks, which send PROXY headers of their own (LOCAL in v2), were answered with the greeting.
        await haproxy.WaitForServersAsync("v1", "UP");
        await haproxy.WaitForServersAsync("v2", "UP");
        await server.WaitForLineAsync(line => line.StartsWith("health check from proxy [::1]:", StringComparison.Ordinal), "for a v2 LOCAL health check, seen as the proxy");

        foreach ((int frontendPort, IPAddress backendAddress) in new[] { (v1Port, IPAddress.Loopback), (v2Port, IPAddress.IPv6Loopback) })
        {
            foreach (IPAddress clientAddress in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
            {
                using Socket client = await ConnectAsync(clientAddress, frontendPort);
                string clientEndPoint = ((IPEndPoint)client.LocalEndPoint!).ToString();
                Greeting greeting = await ReadGreetingAsync(client);

                Assert.Equal(clientEndPoint, greeting.Client);
                Assert.Equal(backendAddress, greeting.Proxy.Address);
                Assert.NotEqual(((IPEndPoint)client.LocalEndPoint!).Port, greeting.Proxy.Port);
                Assert.Equal(port, greeting.ServerPort);
                Assert.Equal("ping", await EchoAsync(client, "ping"));

                bool logged = false;
                bool printed = false;
                await server.WaitForLineAsync(
                    line =>
                    {
                        logged |= line.Contains($"from {clientEndPoint} to ", StringComparison.Ordinal) && line.EndsWith(" opened", StringComparison.Ordinal);
                        printed |= line == $"{clientEndPoint} connected via proxy {greeting.Proxy}";
                        return logged && printed;
                    },
                    $"logging and printing the client {clientEndPoint} through port {frontendPort}");
            }
        }

        await server.InterruptExpectingCleanExitAsync();
    }

    [Fact]
    public async Task Two_instances_behind_one_round_robin_backend_both_serve_and_both_see_real_clients()
    {
        HaproxyProcess.RequireAvailable();
        await using RunningProgram first = RunningProgram.Start("ProxiedEcho", "Port=0");
        await using RunningProgram second = RunningProgram.Start("ProxiedEcho", "Port=0");
        int firstPort = await first.WaitForListeningPortAsync("Proxied echo server on ", Banner());
        int secondPort = await second.WaitForListeningPortAsync("Proxied echo server on ", Banner());
        int frontendPort = HaproxyProcess.FreePort();
        await using HaproxyProcess haproxy = await HaproxyProcess.StartAsync($"""
            listen pool
                bind 127.0.0.1:{frontendPort}
                bind [::1]:{frontendPort}
                balance roundrobin
                option tcp-check
                tcp-check expect rstring ^hello
                server first 127.0.0.1:{firstPort} send-proxy-v2 check check-send-proxy inter 500ms fall 10
                server second [::1]:{secondPort} send-proxy-v2 check check-send-proxy inter 500ms fall 10
            """, frontendPort);
        await haproxy.WaitForServersAsync("pool", "UP");

        var served = new Dictionary<int, List<string>> { [firstPort] = [], [secondPort] = [] };
        for (int i = 0; i < 6; i++)
        {
            using Socket client = await ConnectAsync(i % 2 == 0 ? IPAddress.Loopback : IPAddress.IPv6Loopback, frontendPort);
            Greeting greeting = await ReadGreetingAsync(client);
            Assert.Equal(((IPEndPoint)client.LocalEndPoint!).ToString(), greeting.Client);
            Assert.True(served.ContainsKey(greeting.ServerPort), $"Served at an unknown port: {greeting.ServerPort}");
            served[greeting.ServerPort].Add(greeting.Client);
        }

        // Round-robin, but HAProxy's threads and the checks coming UP can make the split uneven: both must serve.
        Assert.NotEmpty(served[firstPort]);
        Assert.NotEmpty(served[secondPort]);
        foreach ((int serverPort, RunningProgram program) in new[] { (firstPort, first), (secondPort, second) })
        {
            foreach (string client in served[serverPort])
            {
                await program.WaitForLineAsync(line => line.StartsWith($"{client} connected via proxy ", StringComparison.Ordinal), $"for {client} at :{serverPort}");
            }
        }
    }

    private static async Task<Socket> ConnectAsync(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        return socket;
    }

    private static async Task<Greeting> ReadGreetingAsync(Socket client)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (true)
        {
            int read = await client.ReceiveAsync(one, SocketFlags.None, timeout.Token);
            Assert.True(read == 1, $"The server closed the connection after \"{line}\".");
            if (one[0] == '\n')
            {
                break;
            }

            line.Append((char)one[0]);
        }

        Match greeting = GreetingLine().Match(line.ToString());
        Assert.True(greeting.Success, $"Unexpected greeting: {line}");
        return new Greeting(greeting.Groups["client"].Value, IPEndPoint.Parse(greeting.Groups["proxy"].Value), int.Parse(greeting.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<string> EchoAsync(Socket client, string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await client.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, timeout.Token);
        byte[] buffer = new byte[text.Length];
        int received = 0;
        while (received < buffer.Length)
        {
            int read = await client.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token);
            Assert.True(read > 0, "The server closed the connection instead of echoing.");
            received += read;
        }

        return Encoding.ASCII.GetString(buffer);
    }

    [GeneratedRegex(@"^Proxied echo server on \[::\]:(?<port>\d+), PROXY protocol Required from 127\.0\.0\.1/32, ::1/128; Ctrl\+C stops it\.$")]
    private static partial Regex Banner();

    [GeneratedRegex(@"^hello (?<client>\S+) via proxy (?<proxy>\S+) at :(?<port>\d+)$")]
    private static partial Regex GreetingLine();

    private sealed record Greeting(string Client, IPEndPoint Proxy, int ServerPort);
}
