using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net.Sockets;

namespace DualStackGen;

/// <summary>
/// The <see cref="ServerMetricNames.DatagramsDropped"/> instrument of one meter: an observable counter, so the kernel
/// is asked only when a listener collects, never per datagram. Each running UDP server registers its sockets; one
/// measurement per server is the sum of its sockets' drop counters.
/// </summary>
/// <remarks>
/// Linux counts, per socket, the datagrams it dropped before any receive could take them (<c>sk_drops</c>: mostly a
/// full receive buffer, also bad checksums and socket filters), the <c>drops</c> column of <c>/proc/net/udp</c>.
/// <c>getsockopt(SO_MEMINFO)</c> (Linux 4.12) reads it for one socket without searching /proc. <c>SO_RXQ_OVFL</c>
/// would report it on each receive instead, but only as a control message, which .NET's
/// <see cref="Socket.ReceiveMessageFromAsync(Memory{byte}, SocketFlags, System.Net.EndPoint, System.Threading.CancellationToken)"/>
/// does not return.
/// </remarks>
internal sealed class UdpKernelDropCounter
{
    private const int SocketLevel = 1;
    private const int SocketMemoryInfo = 55;
    private const int MemoryInfoDropsIndex = 8;

    private readonly object _lock = new();
    private readonly List<Registration> _servers = [];

    public UdpKernelDropCounter(Meter meter)
        => meter.CreateObservableCounter(ServerMetricNames.DatagramsDropped, Observe, "{datagram}", "UDP datagrams the OS dropped before the server could receive them, mostly for a full receive buffer.");

    /// <summary>Whether this OS reports <paramref name="socket"/>'s drops; if not, <paramref name="error"/> says why.</summary>
    public static bool CanRead(Socket socket, out string error)
    {
        if (!OperatingSystem.IsLinux())
        {
            error = "only Linux reports them per socket";
            return false;
        }

        try
        {
            _ = ReadDrops(socket);
            error = "";
            return true;
        }
        catch (SocketException e)
        {
            error = $"getsockopt(SO_MEMINFO) failed: {e.SocketErrorCode} ({e.Message}); it needs Linux 4.12";
            return false;
        }
    }

    /// <summary>Counts <paramref name="sockets"/>' drops under <paramref name="serverName"/> until the result is disposed.</summary>
    public IDisposable Register(string serverName, IReadOnlyList<Socket> sockets)
    {
        var registration = new Registration(this, serverName, sockets);
        lock (_lock)
        {
            _servers.Add(registration);
        }

        return registration;
    }

    private static long ReadDrops(Socket socket)
    {
        Span<byte> memoryInfo = stackalloc byte[(MemoryInfoDropsIndex + 1) * sizeof(uint)];
        int length = socket.GetRawSocketOption(SocketLevel, SocketMemoryInfo, memoryInfo);
        return length >= memoryInfo.Length ? BitConverter.ToUInt32(memoryInfo[(MemoryInfoDropsIndex * sizeof(uint))..]) : 0;
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        Registration[] servers;
        lock (_lock)
        {
            servers = [.. _servers];
        }

        foreach (Registration server in servers)
        {
            long drops = 0;
            foreach (Socket socket in server.Sockets)
            {
                try
                {
                    drops += ReadDrops(socket);
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    // Closing as the server stops: its last count is not taken.
                }
            }

            yield return new Measurement<long>(drops, ServerInstruments.ServerTags(server.ServerName, "udp"));
        }
    }

    private sealed class Registration(UdpKernelDropCounter counter, string serverName, IReadOnlyList<Socket> sockets) : IDisposable
    {
        public string ServerName { get; } = serverName;

        public IReadOnlyList<Socket> Sockets { get; } = sockets;

        public void Dispose()
        {
            lock (counter._lock)
            {
                counter._servers.Remove(this);
            }
        }
    }
}
