using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Sockets;
using System.Threading;

namespace DualStackGen;

public abstract partial class ServerOptions
{
    private static readonly string[] CommonSettingNames = [nameof(Host), nameof(Port), nameof(Mode), nameof(StopTimeout), nameof(ResolveTimeout)];

    /// <summary>
    /// Applies settings read from configuration, such as a section of <c>appsettings.json</c>, without reflection and
    /// without a dependency on Microsoft.Extensions.Configuration. The keys are relative to the section and compared
    /// case-insensitively: <c>Host</c> (not empty: <c>"::"</c> or <c>"*"</c> for any address), <c>Port</c>,
    /// <c>Mode</c> (a <see cref="ListenMode"/> name), <c>StopTimeout</c> and <c>ResolveTimeout</c>
    /// (<see cref="TimeSpan"/> in the invariant <c>"c"</c> format, as <c>00:00:05</c>; a bare number such as
    /// <c>5</c>, which that format reads as days, is refused), and those of the derived options (<c>Backlog</c> and <c>MaxConcurrentConnections</c> for TCP,
    /// <c>MaxDatagramSize</c> for UDP). Keys missing from <paramref name="settings"/> leave their option as it is.
    /// </summary>
    /// <param name="sectionPath">The section's full path (as <c>"EchoServer"</c>), put before each key in messages.</param>
    /// <param name="settings">
    /// The section's entries with relative keys, as <c>section.AsEnumerable(makePathsRelative: true)</c> gives them;
    /// entries without a value (the parents of nested keys) are skipped.
    /// </param>
    /// <returns>The full keys that are not settings of these options, in the order met; each is also logged as a warning to <see cref="Logger"/>.</returns>
    /// <exception cref="FormatException">
    /// A value is not valid for its key; the message names the full key, the value and what is accepted. Also when
    /// the host and the mode contradict each other and at least one of them came from <paramref name="settings"/>;
    /// the message names both, and which came from configuration.
    /// </exception>
    public IReadOnlyList<string> ApplySettings(string sectionPath, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        ArgumentNullException.ThrowIfNull(settings);

        List<string>? unknown = null;
        var applied = new AppliedHostAndMode();
        foreach (KeyValuePair<string, string?> setting in settings)
        {
            if (setting.Value is null)
            {
                continue;
            }

            string fullKey = sectionPath.Length == 0 ? setting.Key : sectionPath + ":" + setting.Key;
            if (!TryApplyCommonSetting(setting.Key, setting.Value, fullKey, ref applied) && !TryApplyOwnSetting(setting.Key, setting.Value, fullKey))
            {
                (unknown ??= []).Add(fullKey);
            }
        }

        ThrowIfHostAndModeContradict(sectionPath, applied);

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

    private protected static FormatException InvalidSetting(string fullKey, string value, string accepted) =>
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
    }

    private bool TryApplyCommonSetting(string key, string value, string fullKey, ref AppliedHostAndMode applied)
    {
        if (IsSetting(key, nameof(Host)))
        {
            Host = ParseHost(fullKey, value);
            applied.HostKey = fullKey;
        }
        else if (IsSetting(key, nameof(Port)))
        {
            Port = ParseSetting(fullKey, value, 0, 65535, "a port is a whole number from 0 to 65535 (0 lets the OS pick one).");
        }
        else if (IsSetting(key, nameof(Mode)))
        {
            Mode = ParseMode(fullKey, value);
            applied.ModeKey = fullKey;
        }
        else if (IsSetting(key, nameof(StopTimeout)))
        {
            StopTimeout = ParseTimeout(fullKey, value, allowZero: true);
        }
        else if (IsSetting(key, nameof(ResolveTimeout)))
        {
            ResolveTimeout = ParseTimeout(fullKey, value, allowZero: false);
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

    private void ThrowIfHostAndModeContradict(string sectionPath, AppliedHostAndMode applied)
    {
        if (applied.HostKey is null && applied.ModeKey is null)
        {
            return;
        }

        if (!HostSyntax.TryParse(Host, out HostSyntax.Parsed host, out _))
        {
            // A host set in code that is not valid fails the start with its own message; the settings are not at fault.
            return;
        }

        AddressFamily? family = host.Address?.AddressFamily;
        if (HostModeRules.FindConflict(Host, host.Kind, family, Mode) is not { } conflict)
        {
            return;
        }

        string prefix = sectionPath.Length == 0 ? string.Empty : sectionPath + ":";
        string hostSetting = $"{applied.HostKey ?? prefix + nameof(Host)} = \"{Host}\" ({Source(applied.HostKey)})";
        string modeSetting = $"{applied.ModeKey ?? prefix + nameof(Mode)} = {Mode} ({Source(applied.ModeKey)})";
        throw new FormatException($"The host and the mode contradict each other, {hostSetting} and {modeSetting}: {conflict}");

        static string Source(string? appliedKey) => appliedKey is null ? "not in configuration: the server's own value, from its attribute or code" : "from configuration";
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

    private static TimeSpan ParseTimeout(string fullKey, string value, bool allowZero)
    {
        string accepted = (allowZero ? "a time span from 00:00:00" : "a positive time span")
            + " to 24.20:31:23.647 in the invariant \"c\" format (as 00:00:05 or 1.00:00:00), or -00:00:00.001 for no limit.";
        string text = value.Trim();

        // The "c" format reads a bare number as days: "5" would be five days where five seconds was surely meant.
        if (text.IndexOf(':') < 0)
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

    /// <summary>The full keys Host and Mode came from in one <see cref="ApplySettings"/> call, if they did.</summary>
    private struct AppliedHostAndMode
    {
        public string? HostKey;
        public string? ModeKey;
    }
}
