using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace DualStackGen;

public abstract partial class ServerOptions
{
    private static readonly string[] CommonSettingNames = [nameof(Host), nameof(Port), nameof(Mode), nameof(StopTimeout), nameof(ResolveTimeout), nameof(ReusePort)];

    // Where Host and Mode came from configuration, with the value then applied: a start that finds them contradicting
    // each other names the keys, unless code has changed the value since (then code is named).
    private (string Key, string Value)? _hostFromSettings;
    private (string Key, ListenMode Value)? _modeFromSettings;

    /// <summary>
    /// Applies settings read from configuration, such as a section of <c>appsettings.json</c>, without reflection and
    /// without a dependency on Microsoft.Extensions.Configuration. The keys are relative to the section and compared
    /// case-insensitively: <c>Host</c> (not empty: <c>"::"</c> or <c>"*"</c> for any address), <c>Port</c>,
    /// <c>Mode</c> (a <see cref="ListenMode"/> name), <c>ReusePort</c> (<c>true</c> or <c>false</c>), <c>StopTimeout</c> and <c>ResolveTimeout</c>
    /// (<see cref="TimeSpan"/> in the invariant <c>"c"</c> format, as <c>00:00:05</c>; a bare number such as
    /// <c>5</c>, which that format reads as days, is refused), <c>AllowedNetworks</c> and <c>DeniedNetworks</c> (CIDR lists), and
    /// those of the derived options: for TCP <c>Backlog</c>, <c>MaxConcurrentConnections</c>, <c>IdleTimeout</c>,
    /// <c>FirstByteTimeout</c>, <c>MaxConnectionsPerAddress</c>, <c>RaiseDescriptorLimit</c>, <c>KeepAlive</c>,
    /// <c>KeepAliveTime</c>, <c>KeepAliveInterval</c>, <c>KeepAliveRetryCount</c>, the <c>ProxyProtocol:*</c> keys and the
    /// <c>Tls:*</c> keys of <see cref="TlsOptions"/>; for UDP <c>MaxDatagramSize</c> and <c>ReceiveBufferSize</c>. Keys
    /// missing from <paramref name="settings"/> leave their option as it is; the warning for a key that is no setting lists them all.
    /// </summary>
    /// <param name="sectionPath">The section's full path (as <c>"EchoServer"</c>), put before each key in messages.</param>
    /// <param name="settings">
    /// The section's entries with relative keys, as <c>section.AsEnumerable(makePathsRelative: true)</c> gives them;
    /// entries without a value (the parents of nested keys) are skipped.
    /// </param>
    /// <returns>The full keys that are not settings of these options, in the order met; each is also logged as a warning to <see cref="Logger"/>.</returns>
    /// <remarks>
    /// Whether the host and the mode agree is checked when a runner starts, not here, so that code running after this
    /// call (a hosted server's <c>configure</c> callback) can still change either; if they contradict each other and
    /// one of them came from these settings, the start's <see cref="ArgumentException"/> names both keys.
    /// </remarks>
    /// <exception cref="FormatException">A value is not valid for its key; the message names the full key, the value and what is accepted.</exception>
    public IReadOnlyList<string> ApplySettings(string sectionPath, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        ArgumentNullException.ThrowIfNull(settings);

        List<string>? unknown = null;
        foreach (KeyValuePair<string, string?> setting in settings)
        {
            if (setting.Value is null)
            {
                continue;
            }

            string fullKey = sectionPath.Length == 0 ? setting.Key : sectionPath + ":" + setting.Key;
            if (!TryApplyCommonSetting(setting.Key, setting.Value, fullKey) && !TryApplyNetworkSetting(setting.Key, setting.Value, fullKey) && !TryApplyOwnSetting(setting.Key, setting.Value, fullKey))
            {
                (unknown ??= []).Add(fullKey);
            }
        }

        if (unknown is null)
        {
            return [];
        }

        if (Logger is { } logger)
        {
            SettingsLog.UnknownSettings(logger, string.Join(", ", unknown), string.Join(", ", SettingNames()));
        }

        return unknown;
    }

    /// <summary>The setting names of the derived options, for the message about unknown keys.</summary>
    private protected abstract IEnumerable<string> OwnSettingNames { get; }

    /// <summary>Applies one setting of the derived options.</summary>
    /// <returns><see langword="false"/> when <paramref name="key"/> is not one of the derived options' settings.</returns>
    private protected abstract bool TryApplyOwnSetting(string key, string value, string fullKey);

    /// <summary>Parses a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, or throws naming the key.</summary>
    private protected static int ParseSetting(string fullKey, string value, int minimum, int maximum, string accepted)
    {
        if (int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number)
            && number >= minimum
            && number <= maximum)
        {
            return number;
        }

        throw InvalidSetting(fullKey, value, accepted);
    }

    /// <summary>The exception for a configuration value that is not valid, naming the full key; also used by <see cref="TlsSettings"/>.</summary>
    internal static FormatException InvalidSetting(string fullKey, string value, string accepted) =>
        new($"Configuration value {fullKey} = \"{value}\" is not valid: {accepted}");

    /// <summary>Whether a configuration key names the setting <paramref name="name"/>; keys are case-insensitive, as in Microsoft.Extensions.Configuration.</summary>
    private protected static bool IsSetting(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);

    private IEnumerable<string> SettingNames()
    {
        foreach (string name in CommonSettingNames)
        {
            yield return name;
        }

        foreach (string name in OwnSettingNames)
        {
            yield return name;
        }

        foreach (string name in NetworkSettingNames)
        {
            yield return name;
        }
    }

    private bool TryApplyCommonSetting(string key, string value, string fullKey)
    {
        if (IsSetting(key, nameof(Host)))
        {
            Host = ParseHost(fullKey, value);
            _hostFromSettings = (fullKey, Host);
        }
        else if (IsSetting(key, nameof(Port)))
        {
            Port = ParseSetting(fullKey, value, ServerOptionLimits.MinPort, ServerOptionLimits.MaxPort, $"a port is a whole number from {ServerOptionLimits.MinPort} to {ServerOptionLimits.MaxPort} (0 lets the OS pick one).");
        }
        else if (IsSetting(key, nameof(Mode)))
        {
            Mode = ParseMode(fullKey, value);
            _modeFromSettings = (fullKey, Mode);
        }
        else if (IsSetting(key, nameof(StopTimeout)))
        {
            StopTimeout = ParseTimeout(fullKey, value, allowZero: true);
        }
        else if (IsSetting(key, nameof(ResolveTimeout)))
        {
            ResolveTimeout = ParseTimeout(fullKey, value, allowZero: false);
        }
        else if (IsSetting(key, nameof(ReusePort)))
        {
            ReusePort = bool.TryParse(value.Trim(), out bool reusePort) ? reusePort : throw InvalidSetting(fullKey, value, "ReusePort is true or false.");
        }
        else
        {
            return false;
        }

        return true;
    }

    // An empty host means any address to HostSyntax (the legacy spelling DSG0003 flags at compile time); from
    // configuration it is far more likely an unset variable (EchoServer__Host=${HOST}) than a wish to listen everywhere.
    private static string ParseHost(string fullKey, string value)
    {
        string host = value.Trim();
        if (host.Length == 0)
        {
            throw InvalidSetting(fullKey, value, "the host is empty; write \"::\" (or \"*\") for any address on both families, \"localhost\" for both loopbacks, or leave the key out to keep the server's own host.");
        }

        if (!HostSyntax.TryParse(host, out _, out string error))
        {
            throw InvalidSetting(fullKey, value, error);
        }

        return host;
    }

    /// <summary>
    /// At start: throws when the host and the mode contradict each other and at least one of them is still the value
    /// configuration gave, naming both keys and where each came from. Otherwise the listener's own check reports it.
    /// </summary>
    internal void ThrowIfConfiguredHostAndModeContradict()
    {
        string? hostKey = _hostFromSettings is { } host && host.Value == Host ? host.Key : null;
        string? modeKey = _modeFromSettings is { } mode && mode.Value == Mode ? mode.Key : null;
        if (hostKey is null && modeKey is null)
        {
            return;
        }

        if (!HostSyntax.TryParse(Host, out HostSyntax.Parsed parsed, out _))
        {
            // A host set in code that is not valid fails the start with its own message; the settings are not at fault.
            return;
        }

        if (HostModeRules.FindConflict(Host, parsed.Kind, parsed.Address?.AddressFamily, Mode) is not { } conflict)
        {
            return;
        }

        string hostSetting = hostKey is null ? $"Host = \"{Host}\" (not from configuration: the server's own value, from its attribute or code)" : $"{hostKey} = \"{Host}\" (from configuration)";
        string modeSetting = modeKey is null ? $"Mode = {Mode} (not from configuration: the server's own value, from its attribute or code)" : $"{modeKey} = {Mode} (from configuration)";
        throw new ArgumentException($"The host and the mode contradict each other, {hostSetting} and {modeSetting}: {conflict}");
    }

    // Enum.TryParse would also take numbers ("1") and flag lists ("Auto, IPv4Only"); only the names are meaningful here.
    private static ListenMode ParseMode(string fullKey, string value)
    {
        string name = value.Trim();
        foreach (ListenMode mode in Enum.GetValues<ListenMode>())
        {
            if (string.Equals(name, mode.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw InvalidSetting(fullKey, value, "the mode is one of " + string.Join(", ", Enum.GetNames<ListenMode>()) + " (case-insensitive).");
    }

    /// <summary>Every timeout key's format: hours, minutes and seconds all written, or -00:00:00.001 for no limit.</summary>
    internal static TimeSpan ParseTimeout(string fullKey, string value, bool allowZero)
    {
        string accepted = (allowZero ? "a time span from 00:00:00" : "a positive time span")
            + " to 24.20:31:23.647 in the invariant \"c\" format (as 00:00:05 or 1.00:00:00), or -00:00:00.001 for no limit.";
        string text = value.Trim();

        // The "c" format reads a bare number as days and "00:05" as hours and minutes: "5" would be five days and
        // "00:05" five minutes where five seconds was surely meant. Hours, minutes and seconds must all be written.
        if (text.Split(':').Length != 3)
        {
            throw InvalidSetting(fullKey, value, "a time span needs hours, minutes and seconds; write 00:00:05 for 5 seconds. It is " + accepted);
        }

        if (!TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out TimeSpan timeout))
        {
            throw InvalidSetting(fullKey, value, accepted);
        }

        bool inRange = timeout == Timeout.InfiniteTimeSpan
            || ((allowZero ? timeout >= TimeSpan.Zero : timeout > TimeSpan.Zero) && timeout.TotalMilliseconds <= int.MaxValue);
        return inRange ? timeout : throw InvalidSetting(fullKey, value, accepted);
    }
}
