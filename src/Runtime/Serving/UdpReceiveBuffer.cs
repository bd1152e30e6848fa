using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>Sets a UDP socket's receive buffer (<c>SO_RCVBUF</c>) and logs what the OS granted.</summary>
internal static class UdpReceiveBuffer
{
    private const string RmemMaxPath = "/proc/sys/net/core/rmem_max";

    /// <summary>Asks for <paramref name="requested"/> bytes; returns the size the OS reports afterwards.</summary>
    public static int Apply(Socket socket, int requested, string serverName, IPEndPoint localEndPoint, ILogger logger)
    {
        socket.ReceiveBufferSize = requested;
        int granted = socket.ReceiveBufferSize;

        // Linux stores twice the request, keeping half for its own bookkeeping (socket(7)), and caps the request at
        // net.core.rmem_max unless the process uses SO_RCVBUFFORCE; other systems grant what is asked or less.
        long expected = OperatingSystem.IsLinux() ? 2L * requested : requested;
        if (granted < expected)
        {
            Log.ReceiveBufferCapped(logger, serverName, localEndPoint, requested, granted, OperatingSystem.IsLinux() ? $"Linux caps the request at net.core.rmem_max ({ReadRmemMax()} bytes); raise it with sysctl for more" : "the OS caps it");
        }
        else
        {
            Log.ReceiveBufferGranted(logger, serverName, localEndPoint, requested, granted);
        }

        return granted;
    }

    private static string ReadRmemMax()
    {
        try
        {
            return long.Parse(File.ReadAllText(RmemMaxPath).Trim(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return "unreadable";
        }
    }
}
