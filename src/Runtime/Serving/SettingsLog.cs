using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// The log messages of <see cref="ServerOptions.ApplySettings"/>: event ids 5xx, next to the ranges of
/// <see cref="Log"/>.
/// </summary>
internal static partial class SettingsLog
{
    [LoggerMessage(500, LogLevel.Warning, "Ignored configuration key(s) {Keys}: not server settings (the settings are {KnownSettings})")]
    public static partial void UnknownSettings(ILogger logger, string keys, string knownSettings);
}
