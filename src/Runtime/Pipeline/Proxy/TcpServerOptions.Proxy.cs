using System;
using System.Collections.Generic;

namespace DualStackGen;

public sealed partial class TcpServerOptions
{
    private const string ProxyPrefix = nameof(ProxyProtocol) + ":";

    private static readonly string[] ProxySettingNames =
    [
        ProxyPrefix + nameof(ProxyProtocolOptions.Mode),
        ProxyPrefix + nameof(ProxyProtocolOptions.TrustedProxies),
        ProxyPrefix + nameof(ProxyProtocolOptions.HeaderTimeout),
        ProxyPrefix + nameof(ProxyProtocolOptions.MaxTlvBytes),
    ];

    /// <summary>
    /// Gets how the server reads PROXY protocol headers from the proxies in front of it: off by default. The first
    /// step of every connection, ahead of <see cref="ServerOptions.AllowedNetworks"/>, TLS and <see cref="ConnectionSteps"/>.
    /// </summary>
    /// <remarks>
    /// Configuration: <c>ProxyProtocol:Mode</c> (<c>Off</c>, <c>Optional</c>, <c>Required</c>),
    /// <c>ProxyProtocol:TrustedProxies</c> (comma-separated CIDR text, or indexed keys <c>ProxyProtocol:TrustedProxies:0</c>),
    /// <c>ProxyProtocol:HeaderTimeout</c> (as <c>00:00:05</c>) and <c>ProxyProtocol:MaxTlvBytes</c>.
    /// </remarks>
    public ProxyProtocolOptions ProxyProtocol { get; } = new();

    private bool TryApplyProxySetting(string key, string value, string fullKey)
    {
        if (!key.StartsWith(ProxyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string name = key[ProxyPrefix.Length..];
        if (IsSetting(name, nameof(ProxyProtocolOptions.Mode)))
        {
            ProxyProtocol.Mode = ParseProxyMode(fullKey, value);
            return true;
        }

        if (IsSetting(name, nameof(ProxyProtocolOptions.HeaderTimeout)))
        {
            ProxyProtocol.HeaderTimeout = ParseTimeout(fullKey, value, allowZero: false);
            return true;
        }

        if (IsSetting(name, nameof(ProxyProtocolOptions.MaxTlvBytes)))
        {
            ProxyProtocol.MaxTlvBytes = ParseSetting(fullKey, value, 0, ProxyProtocolOptions.MaxMaxTlvBytes, $"a whole number of bytes from 0 to {ProxyProtocolOptions.MaxMaxTlvBytes}.");
            return true;
        }

        return TryApplyNetworkList(name, value, fullKey, nameof(ProxyProtocolOptions.TrustedProxies), ProxyProtocol.TrustedProxies);
    }

    private static ProxyProtocolMode ParseProxyMode(string fullKey, string value)
    {
        string name = value.Trim();
        foreach (ProxyProtocolMode mode in Enum.GetValues<ProxyProtocolMode>())
        {
            if (string.Equals(name, mode.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw InvalidSetting(fullKey, value, "the PROXY protocol mode is one of " + string.Join(", ", Enum.GetNames<ProxyProtocolMode>()) + " (case-insensitive).");
    }
}
