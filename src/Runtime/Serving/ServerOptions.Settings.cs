using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace DualStackGen;

public abstract partial class ServerOptions
{
    private static readonly string[] CommonSettingNames = ["Host", "Port", "Mode", "StopTimeout", "ResolveTimeout"];

    /// <summary>
    /// Applies settings read from configuration, such as a section of <c>appsettings.json</c>, without reflection and
    /// without a dependency on Microsoft.Extensions.Configuration. The keys are relative to the section and compared
    /// case-insensitively: <c>Host</c>, <c>Port</c>, <c>Mode</c> (a <see cref="ListenMode"/> name),
    /// <c>StopTimeout</c> and <c>ResolveTimeout</c> (<see cref="TimeSpan"/> in the invariant <c>"c"</c> format, as
    /// <c>00:00:05</c>), and those of the derived options (<c>Backlog</c> and <c>MaxConcurrentConnections</c> for TCP,
    /// <c>MaxDatagramSize</c> for UDP). Keys missing from <paramref name="settings"/> leave their option as it is.
    /// </summary>
    /// <param name="sectionPath">The section's full path (as <c>"EchoServer"</c>), put before each key in messages.</param>
    /// <param name="settings">
    /// The section's entries with relative keys, as <c>section.AsEnumerable(makePathsRelative: true)</c> gives them;
    /// entries without a value (the parents of nested keys) are skipped.
    /// </param>
    /// <returns>The full keys that are not settings of these options, in the order met; each is also logged as a warning to <see cref="Logger"/>.</returns>
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
            if (!TryApplyCommonSetting(setting.Key, setting.Value, fullKey) && !TryApplyOwnSetting(setting.Key, setting.Value, fullKey))
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

    private protected static FormatException InvalidSetting(string fullKey, string value, string accepted) =>
        new($"Configuration value {fullKey} = \"{value}\" is not valid: {accepted}");

    private static bool IsSetting(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);

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

    private bool TryApplyCommonSetting(string key, string value, string fullKey)
    {
        if (IsSetting(key, "Host"))
        {
            if (!HostSyntax.TryParse(value, out _, out string error))
            {
                throw InvalidSetting(fullKey, value, error);
            }

            Host = value;
        }
        else if (IsSetting(key, "Port"))
        {
            Port = ParseSetting(fullKey, value, 0, 65535, "a port is a whole number from 0 to 65535 (0 lets the OS pick one).");
        }
        else if (IsSetting(key, "Mode"))
        {
            Mode = ParseMode(fullKey, value);
        }
        else if (IsSetting(key, "StopTimeout"))
        {
            StopTimeout = ParseTimeout(fullKey, value, allowZero: true);
        }
        else if (IsSetting(key, "ResolveTimeout"))
        {
            ResolveTimeout = ParseTimeout(fullKey, value, allowZero: false);
        }
        else
        {
            return false;
        }

        return true;
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
        if (!TimeSpan.TryParseExact(value.Trim(), "c", CultureInfo.InvariantCulture, out TimeSpan timeout))
        {
            throw InvalidSetting(fullKey, value, accepted);
        }

        bool inRange = timeout == Timeout.InfiniteTimeSpan
            || ((allowZero ? timeout >= TimeSpan.Zero : timeout > TimeSpan.Zero) && timeout.TotalMilliseconds <= int.MaxValue);
        return inRange ? timeout : throw InvalidSetting(fullKey, value, accepted);
    }
}
