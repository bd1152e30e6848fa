using System;
using System.Globalization;

namespace DualStackGen.Bench.EchoLoad;

/// <summary>The load client's command line.</summary>
internal sealed record LoadOptions(string Host, int Port, int Connections, int MessageSize, TimeSpan Duration, TimeSpan Warmup)
{
    public const string Usage =
        "usage: EchoLoad --port PORT [--host 127.0.0.1] [--connections 1] [--message-size 64] [--duration 5] [--warmup 2]";

    public static LoadOptions Parse(string[] args)
    {
        var parsed = new LoadOptions("127.0.0.1", 0, 1, 64, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2));
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
                "--port" => parsed with { Port = Number(name, value, 1, 65535) },
                "--connections" => parsed with { Connections = Number(name, value, 1, 100_000) },
                "--message-size" => parsed with { MessageSize = Number(name, value, 8, 1 << 20) },
                "--duration" => parsed with { Duration = Seconds(name, value, allowZero: false) },
                "--warmup" => parsed with { Warmup = Seconds(name, value, allowZero: true) },
                _ => throw new FormatException($"Unknown option \"{name}\".\n{Usage}"),
            };
        }

        return parsed.Port != 0 ? parsed : throw new FormatException($"--port is required.\n{Usage}");
    }

    private static int Number(string name, string value, int min, int max)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= min && number <= max
            ? number
            : throw new FormatException($"{name} \"{value}\" is not a whole number from {min} to {max}.");

    private static TimeSpan Seconds(string name, string value, bool allowZero)
        => double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) && (seconds > 0 || (allowZero && seconds == 0)) && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"{name} \"{value}\" is not a number of seconds{(allowZero ? " (0 or more)" : " above 0")}, at most 3600.");
}
