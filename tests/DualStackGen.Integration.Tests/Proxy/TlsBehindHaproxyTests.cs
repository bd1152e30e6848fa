using System;
using System.Net;
using System.Net.Security;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Samples;

namespace DualStackGen.Integration.Tests.Proxy;

/// <summary>
/// TLS behind a real HAProxy in TCP passthrough with <c>send-proxy-v2</c>: HAProxy never sees the plaintext, the
/// server reads the PROXY header first and then makes the TLS handshake with the client, so the client's address
/// (IPv4 and IPv6 alike) and the TLS session both reach the handler.
/// </summary>
public sealed class TlsBehindHaproxyTests
{
    [Fact]
    public async Task Clients_through_send_proxy_v2_passthrough_keep_their_address_and_their_TLS_session()
    {
        HaproxyProcess.RequireAvailable();
        await using TlsEchoSample sample = await TlsEchoSample.StartAsync(
            "--TlsEchoServer:ProxyProtocol:Mode=Required",
            "--TlsEchoServer:ProxyProtocol:TrustedProxies=127.0.0.1/32");
        int frontendPort = HaproxyProcess.FreePort();
        await using HaproxyProcess haproxy = await HaproxyProcess.StartAsync($"""
            listen tls_passthrough
                bind 127.0.0.1:{frontendPort}
                bind [::1]:{frontendPort}
                server sample 127.0.0.1:{sample.Port} send-proxy-v2
            """, frontendPort);

        foreach ((IPAddress address, string display) in new[] { (IPAddress.Loopback, "127.0.0.1"), (IPAddress.IPv6Loopback, "[::1]") })
        {
            (int clientPort, SslApplicationProtocol protocol) = await TlsEchoSample.EchoAsync(address, frontendPort, "through HAProxy from " + display);
            Assert.Equal("echo", protocol.ToString());

            // The handler's line: the client's own address and port, the proxy's connection, and the session.
            string line = await sample.Program.WaitForLineAsync(
                l => l.Contains($"] {display}:{clientPort} via 127.0.0.1:", StringComparison.Ordinal),
                $"for the client {display}:{clientPort} via HAProxy\nhaproxy:\n{haproxy.Output}");
            Assert.Matches(@" via 127\.0\.0\.1:\d+ connected: Tls1[23] \S+ alpn=echo sni=localhost$", line);
        }
    }
}
