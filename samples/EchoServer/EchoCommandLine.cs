using System;
using System.Globalization;

namespace DualStackGen.Samples;

/// <summary>
/// The samples' command line: <c>[--host HOST] [--port PORT] [--mode MODE]</c>, each option overriding the server's
/// own default (its attribute's value). Shared by the TCP and the UDP echo samples.
/// </summary>
/// <remarks>
/// A <c>--host</c> without <c>--mode</c> takes <see cref="ListenMode.Auto"/>, the mode that follows the host: the
/// samples' own mode is DualStack, which only a wildcard host can be, so <c>--host 127.0.0.1</c> alone would
/// otherwise fail for a mode the user never asked for.
/// </remarks>
internal sealed record EchoCommandLine(string Host, int Port, ListenMode Mode)
{
    private static readonly string ModeNames = string.Join(", ", Enum.GetNames<ListenMode>());

    public static EchoCommandLine Parse(string[] args, string programName, EchoCommandLine defaults)
    {
        string usage = $"usage: {programName} [--host HOST] [--port PORT] [--mode {string.Join('|', Enum.GetNames<ListenMode>())}]\n"
            + "  --host without --mode listens in mode Auto, which follows the host.";
        var parsed = defaults;
        bool hostGiven = false;
        bool modeGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                throw new FormatException(usage);
            }

            if (i + 1 >= args.Length)
            {
                throw new FormatException($"{name} needs a value.\n{usage}");
            }

            string value = args[++i];
            switch (name)
            {
                case "--host":
                    parsed = parsed with { Host = value };
                    hostGiven = true;
                    break;
                case "--port":
                    parsed = parsed with { Port = ParsePort(value) };
                    break;
                case "--mode":
                    parsed = parsed with { Mode = ParseMode(value) };
                    modeGiven = true;
                    break;
                default:
                    throw new FormatException($"Unknown option \"{name}\".\n{usage}");
            }
        }

        return hostGiven && !modeGiven ? parsed with { Mode = ListenMode.Auto } : parsed;
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535
            ? port
            : throw new FormatException($"--port \"{value}\" is not a port: a whole number from 0 to 65535 (0 lets the OS pick one).");

    // Enum.TryParse would also take a number ("3" is IPv6Only) or a list ("Auto, IPv4Only"): only the names mean a mode.
    private static ListenMode ParseMode(string value)
    {
        foreach (ListenMode mode in Enum.GetValues<ListenMode>())
        {
            if (string.Equals(value, mode.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw new FormatException($"--mode \"{value}\" is not one of {ModeNames} (case-insensitive).");
    }
}
