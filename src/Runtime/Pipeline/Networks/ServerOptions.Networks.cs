using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace DualStackGen;

public abstract partial class ServerOptions
{
    private static readonly string[] NetworkSettingNames = [nameof(AllowedNetworks), nameof(DeniedNetworks)];

    // The networks configuration gave each list, by the key's index, so a list read from indexed keys
    // (AllowedNetworks:0, AllowedNetworks:1) is the configuration's whatever order the keys come in.
    private readonly Dictionary<string, SortedDictionary<int, IPNetwork>> _networksFromSettings = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets the networks a peer must be in to be served; empty (the default) for every peer. Matched on the peer's
    /// normalized address (an IPv4 client of a dual-stack socket is <c>a.b.c.d</c>, never <c>::ffff:a.b.c.d</c>, and a
    /// network written in the mapped form, <c>::ffff:a.b.c.0/120</c>, is its IPv4 network), and behind a trusted proxy
    /// on the client's address from the PROXY header. A TCP connection outside it is closed before the handler
    /// (<c>address_not_allowed</c>), a datagram dropped. Read at each start.
    /// </summary>
    /// <remarks>Configuration: <c>AllowedNetworks</c>, as one comma-separated value or as indexed keys (<c>AllowedNetworks:0</c>).</remarks>
    public IList<IPNetwork> AllowedNetworks { get; } = new List<IPNetwork>();

    /// <summary>
    /// Gets the networks whose peers are refused, whatever <see cref="AllowedNetworks"/> says (<c>address_denied</c>);
    /// empty by default. Matched as <see cref="AllowedNetworks"/> is. Read at each start.
    /// </summary>
    /// <remarks>Configuration: <c>DeniedNetworks</c>, as one comma-separated value or as indexed keys (<c>DeniedNetworks:0</c>).</remarks>
    public IList<IPNetwork> DeniedNetworks { get; } = new List<IPNetwork>();

    /// <summary>
    /// Parses a network from configuration: CIDR text (<c>10.0.0.0/8</c>, <c>fd00::/8</c>) or a bare address (one host,
    /// /32 or /128). Host bits set beyond the prefix (<c>192.168.1.1/24</c>) are refused rather than guessed at: the
    /// entry is more likely a typo for a host or for another prefix than a wish for the whole network.
    /// </summary>
    private protected static IPNetwork ParseNetwork(string fullKey, string value)
    {
        string text = value.Trim();
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out IPAddress? address) || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.ScopeId != 0) || addressText.Contains('%', StringComparison.Ordinal))
        {
            throw InvalidSetting(fullKey, value, "a network is CIDR text, as 10.0.0.0/8 or fd00::/8, or a single address; \"" + addressText + "\" is not an IP address (host names and scope ids are not accepted).");
        }

        int maxPrefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        int prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            throw InvalidSetting(fullKey, value, $"the prefix length after '/' is a whole number from 0 to {maxPrefix} for this address.");
        }

        var network = new IPNetwork(MaskToPrefix(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            throw InvalidSetting(fullKey, value, $"{addressText} has host bits set beyond the /{prefix} prefix; write the network, {network}, or the host alone, {addressText}.");
        }

        return network;
    }

    private static IPAddress MaskToPrefix(IPAddress address, int prefix)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }

    /// <summary>
    /// Applies a list of networks from configuration to <paramref name="list"/>: the whole-list key (comma-separated)
    /// replaces the list; an indexed key (<c>Name:2</c>) sets that entry of the configuration's list, which then
    /// replaces the list.
    /// </summary>
    /// <returns><see langword="false"/> when <paramref name="key"/> is neither <paramref name="name"/> nor <c>name:index</c>.</returns>
    private protected bool TryApplyNetworkList(string key, string value, string fullKey, string name, IList<IPNetwork> list)
    {
        if (IsSetting(key, name))
        {
            var networks = new List<IPNetwork>();
            foreach (string entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                networks.Add(ParseNetwork(fullKey, entry));
            }

            list.Clear();
            foreach (IPNetwork network in networks)
            {
                list.Add(network);
            }

            _networksFromSettings.Remove(name);
            return true;
        }

        if (key.Length <= name.Length + 1 || key[name.Length] != ':' || !key.StartsWith(name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!int.TryParse(key.AsSpan(name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            return false;
        }

        if (!_networksFromSettings.TryGetValue(name, out SortedDictionary<int, IPNetwork>? entries))
        {
            entries = [];
            _networksFromSettings[name] = entries;
        }

        entries[index] = ParseNetwork(fullKey, value);
        list.Clear();
        foreach (IPNetwork network in entries.Values)
        {
            list.Add(network);
        }

        return true;
    }

    private bool TryApplyNetworkSetting(string key, string value, string fullKey)
        => TryApplyNetworkList(key, value, fullKey, nameof(AllowedNetworks), AllowedNetworks)
        || TryApplyNetworkList(key, value, fullKey, nameof(DeniedNetworks), DeniedNetworks);
}
