using System;
using System.Globalization;

namespace DualStackGen.Samples;

/// <summary>
/// The samples' command line: <c>[--host HOST] [--port PORT] [--mode MODE]</c>, each option overriding the server's
/// own default (its attribute's value). Shared by the TCP and the UDP echo samples.
/// </summary>
internal sealed record EchoCommandLine(string Host, int Port, ListenMode Mode)
{
    public static EchoCommandLine Parse(string[] args, string programName, EchoCommandLine defaults)
    {
        string usage = $"usage: {programName} [--host HOST] [--port PORT] [--mode Auto|DualStack|SeparateSockets|IPv6Only|IPv4Only]";
        var parsed = defaults;
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
            parsed = name switch
            {
                "--host" => parsed with { Host = value },
                "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) => parsed with { Port = port },
                "--port" => throw new FormatException($"--port \"{value}\" is not a number from 0 to 65535."),
                "--mode" when Enum.TryParse(value, ignoreCase: true, out ListenMode mode) && Enum.IsDefined(mode) => parsed with { Mode = mode },
                "--mode" => throw new FormatException($"--mode \"{value}\" is not one of Auto, DualStack, SeparateSockets, IPv6Only, IPv4Only."),
                _ => throw new FormatException($"Unknown option \"{name}\".\n{usage}"),
            };
        }

        return parsed;
    }
}
