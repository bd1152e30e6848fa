using System;
using System.Globalization;

namespace DualStackGen.Samples.EchoServer;

/// <summary>The sample's command line: <c>[--host HOST] [--port PORT] [--mode MODE]</c>.</summary>
internal sealed record EchoCommandLine(string Host, int Port, ListenMode Mode)
{
    public const string Usage = "usage: EchoServer [--host HOST] [--port PORT] [--mode Auto|DualStack|SeparateSockets|IPv6Only|IPv4Only]";

    public static EchoCommandLine Parse(string[] args)
    {
        var parsed = new EchoCommandLine("::", 8080, ListenMode.Auto);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                throw new FormatException(Usage);
            }

            if (i + 1 >= args.Length)
            {
                throw new FormatException($"{name} needs a value.\n{Usage}");
            }

            string value = args[++i];
            parsed = name switch
            {
                "--host" => parsed with { Host = value },
                "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) => parsed with { Port = port },
                "--port" => throw new FormatException($"--port \"{value}\" is not a number from 0 to 65535."),
                "--mode" when Enum.TryParse(value, ignoreCase: true, out ListenMode mode) && Enum.IsDefined(mode) => parsed with { Mode = mode },
                "--mode" => throw new FormatException($"--mode \"{value}\" is not one of Auto, DualStack, SeparateSockets, IPv6Only, IPv4Only."),
                _ => throw new FormatException($"Unknown option \"{name}\".\n{Usage}"),
            };
        }

        return parsed;
    }
}
