using System;
using System.Globalization;
using System.Net;
using System.Threading;

namespace DualStackGen.Bench;

/// <summary>What the bench's echo servers share with samples/EchoServer on the command line: <c>--port P</c>, and Ctrl+C to stop.</summary>
internal static class ServerCommandLine
{
    /// <summary>Reads <c>[--port PORT]</c>; prints the usage and returns <see langword="null"/> on anything else.</summary>
    public static int? ParsePort(string[] args, string programName)
    {
        int port = 8080;
        for (int i = 0; i < args.Length; i += 2)
        {
            if (args[i] != "--port" || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > IPEndPoint.MaxPort)
            {
                Console.Error.WriteLine($"usage: {programName} [--port PORT]");
                return null;
            }
        }

        return port;
    }

    /// <summary>Returns a source cancelled by Ctrl+C, which then no longer kills the process.</summary>
    public static CancellationTokenSource StopOnCtrlC()
    {
        var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };
        return stopping;
    }
}
