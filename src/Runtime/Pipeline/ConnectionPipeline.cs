using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// Composes the front door of a server from its options, in a fixed order: the PROXY protocol header, then the
/// allow/deny lists (on the client's address when a trusted proxy named it), then TLS, then the user's
/// <see cref="TcpServerOptions.ConnectionSteps"/> (or <see cref="UdpServerOptions.DatagramFilters"/>). A feature that
/// is off adds no step, so a server without any costs what it did before.
/// </summary>
internal static class ConnectionPipeline
{
    /// <summary>Checks the options and returns every step a TCP connection passes, in order.</summary>
    /// <exception cref="ArgumentException">The PROXY protocol is on but no proxy is trusted.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The header timeout, the TLV bound or the TLS handshake timeout is out of range.</exception>
    /// <exception cref="System.IO.FileNotFoundException">A TLS certificate or key file does not exist.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A TLS certificate or key file could not be loaded.</exception>
    public static ITcpConnectionStep[] TcpSteps(string serverName, TcpServerOptions options, ILogger logger)
    {
        var steps = new List<ITcpConnectionStep>();
        ProxyProtocolOptions proxy = options.ProxyProtocol;
        if (proxy.Mode != ProxyProtocolMode.Off)
        {
            if (proxy.TrustedProxies.Count == 0)
            {
                throw new ArgumentException($"ProxyProtocol.Mode is {proxy.Mode} but ProxyProtocol.TrustedProxies is empty: no peer's header would be believed. Add the proxies' networks (as 10.0.0.0/8 or 127.0.0.1/32), or set the mode to Off.", nameof(options));
            }

            if (proxy.HeaderTimeout != Timeout.InfiniteTimeSpan && (proxy.HeaderTimeout <= TimeSpan.Zero || proxy.HeaderTimeout.TotalMilliseconds > int.MaxValue))
            {
                throw new ArgumentOutOfRangeException(nameof(options), proxy.HeaderTimeout, "ProxyProtocol.HeaderTimeout must be positive (or Timeout.InfiniteTimeSpan).");
            }

            ArgumentOutOfRangeException.ThrowIfNegative(proxy.MaxTlvBytes, "ProxyProtocol.MaxTlvBytes");
            ArgumentOutOfRangeException.ThrowIfGreaterThan(proxy.MaxTlvBytes, ProxyProtocolOptions.MaxMaxTlvBytes, "ProxyProtocol.MaxTlvBytes");
            steps.Add(new ProxyProtocolStep(serverName, proxy, logger));
        }

        var rules = new AddressRules(options.AllowedNetworks, options.DeniedNetworks);
        if (!rules.IsEmpty)
        {
            steps.Add(new AddressFilterStep(rules));
        }

        if (options.Tls is { } tls)
        {
            steps.Add(TlsConnectionStep.Create(tls, logger, serverName));
        }

        steps.AddRange(options.ConnectionSteps);
        return [.. steps];
    }

    /// <summary>Returns every filter a datagram passes, in order.</summary>
    public static IUdpDatagramFilter[] UdpFilters(UdpServerOptions options)
    {
        var rules = new AddressRules(options.AllowedNetworks, options.DeniedNetworks);
        return rules.IsEmpty ? [.. options.DatagramFilters] : [new AddressDatagramFilter(rules), .. options.DatagramFilters];
    }
}
