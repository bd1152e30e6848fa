using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace DualStackGen;

/// <summary>
/// Executes a socket plan: creates and binds the planned sockets, IPV6_V6ONLY set explicitly on each IPv6 one; when
/// the OS refuses a socket, binds the fallback the plan names for it (<see cref="PlannedSocket.IfDualStackRefused"/>,
/// <see cref="PlannedSocket.IfUnavailable"/>) or skips it, with one log line per fallback; turns port 0 into one port
/// shared by every socket. Either every socket it returns is bound (and listening, for TCP), or it
/// throws a <see cref="ListenException"/> having closed every socket it opened.
/// </summary>
internal sealed class SocketBinder
{
    // A port the OS picked for the first socket can be taken on another family or address; a few fresh picks
    // make that vanishingly unlikely to recur.
    private const int MaxEphemeralPortRounds = 16;

    private readonly HostSpec _host;
    private readonly int _port;
    private readonly ListenMode _mode;
    private readonly SocketType _socketType;
    private readonly ProtocolType _protocolType;
    private readonly int? _backlog;
    private readonly ILogger _logger;

    public SocketBinder(HostSpec host, int port, ListenMode mode, SocketType socketType, ProtocolType protocolType, int? backlog, ILogger logger)
    {
        _host = host;
        _port = port;
        _mode = mode;
        _socketType = socketType;
        _protocolType = protocolType;
        _backlog = backlog;
        _logger = logger;
    }

    /// <summary>Gets whether SO_REUSEPORT is set on every socket before it is bound.</summary>
    public bool ReusePort { get; init; }

    /// <summary>Gets whether this OS has SO_REUSEPORT with the meaning <see cref="ListenOptions.ReusePort"/> describes.</summary>
    public static bool SupportsReusePort => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    public List<Socket> Bind(IReadOnlyList<PlannedSocket> plan)
    {
        // Sockets of a round whose OS-picked port collided stay open until the end: while they hold their port,
        // the OS cannot pick it again for the next round, which it otherwise may (it did in tests on Linux).
        var heldPorts = new List<Socket>();
        try
        {
            for (int round = 1; ; round++)
            {
                bool allowPortRetry = _port == 0 && round < MaxEphemeralPortRounds;
                if (TryBindRound(plan, allowPortRetry, round, heldPorts) is { } sockets)
                {
                    return sockets;
                }
            }
        }
        finally
        {
            foreach (Socket socket in heldPorts)
            {
                socket.Dispose();
            }
        }
    }

    /// <returns>
    /// The bound sockets, or <see langword="null"/> when an OS-picked port collided and the round must be redone; the
    /// round's sockets then move to <paramref name="heldPorts"/>.
    /// </returns>
    private List<Socket>? TryBindRound(IReadOnlyList<PlannedSocket> plan, bool allowPortRetry, int round, List<Socket> heldPorts)
    {
        var attempts = new List<BindAttempt>();
        var bound = new List<Socket>(plan.Count);
        var pending = new Queue<PlannedSocket>(plan);
        int port = _port;
        bool succeeded = false;
        try
        {
            while (pending.Count > 0)
            {
                PlannedSocket planned = pending.Dequeue();
                var endPoint = new IPEndPoint(planned.Address, port);
                Socket? socket = null;
                try
                {
                    socket = new Socket(planned.Address.AddressFamily, _socketType, _protocolType);
                    if (planned.IsIPv6 && !TrySetV6Only(socket, planned, pending, endPoint, attempts))
                    {
                        socket.Dispose();
                        continue;
                    }

                    if (ReusePort)
                    {
                        SetReusePort(socket, endPoint);
                    }

                    socket.Bind(endPoint);
                    attempts.Add(new BindAttempt(endPoint, planned.V6OnlyOption, SocketError.Success, "bound"));
                    bound.Add(socket);
                    if (port == 0)
                    {
                        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
                    }
                }
                catch (SocketException e)
                {
                    socket?.Dispose();
                    attempts.Add(new BindAttempt(endPoint, planned.V6OnlyOption, e.SocketErrorCode, e.Message));
                    if (IsFamilyOrAddressUnavailable(e.SocketErrorCode))
                    {
                        string error = $"{e.SocketErrorCode} ({e.Message})";
                        if (planned.IfUnavailable.Length == 0)
                        {
                            Log.BindSkipped(_logger, DescribeEndPoint(planned.Address, port), planned.Family, error);
                        }
                        else
                        {
                            Log.BindFellBack(_logger, DescribeEndPoint(planned.Address, port), planned.Family, error, Describe(planned.IfUnavailable, port));
                            EnqueueAll(pending, planned.IfUnavailable);
                        }

                        continue;
                    }

                    if (e.SocketErrorCode == SocketError.AddressAlreadyInUse && allowPortRetry && bound.Count > 0)
                    {
                        Log.EphemeralPortCollision(_logger, port, endPoint.ToString(), round + 1);
                        heldPorts.AddRange(bound);
                        bound.Clear();
                        return null;
                    }

                    throw new ListenException(_host.Text, _port, _mode, $"binding {endPoint} failed.", attempts, e);
                }
            }

            if (bound.Count == 0)
            {
                throw new ListenException(_host.Text, _port, _mode, "no endpoint could be bound.", attempts);
            }

            if (_backlog is int backlog)
            {
                foreach (Socket socket in bound)
                {
                    try
                    {
                        socket.Listen(backlog);
                    }
                    catch (SocketException e)
                    {
                        throw new ListenException(_host.Text, _port, _mode, $"listening on {socket.LocalEndPoint} failed with {e.SocketErrorCode} ({e.Message}).", attempts, e);
                    }
                }
            }

            succeeded = true;
            return bound;
        }
        finally
        {
            if (!succeeded)
            {
                foreach (Socket socket in bound)
                {
                    socket.Dispose();
                }
            }
        }
    }

    private bool TrySetV6Only(Socket socket, PlannedSocket planned, Queue<PlannedSocket> pending, IPEndPoint endPoint, List<BindAttempt> attempts)
    {
        try
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, planned.V6Only ? 1 : 0);
            return true;
        }
        catch (SocketException e) when (planned.IfDualStackRefused.Length > 0)
        {
            attempts.Add(new BindAttempt(endPoint, planned.V6OnlyOption, e.SocketErrorCode, $"setting IPV6_V6ONLY=0 failed: {e.Message}"));
            Log.DualStackUnavailable(_logger, $"{e.SocketErrorCode} ({e.Message})", Describe(planned.IfDualStackRefused, endPoint.Port));
            EnqueueAll(pending, planned.IfDualStackRefused);
            return false;
        }
    }

    // .NET has no SocketOptionName for SO_REUSEPORT (it sets it only as a side effect of ReuseAddress on UDP, which
    // is never relied on here), so it is set by number: SOL_SOCKET and SO_REUSEPORT are 1 and 15 on Linux, 0xffff
    // and 0x200 on macOS and FreeBSD.
    private void SetReusePort(Socket socket, IPEndPoint endPoint)
    {
        (int level, int name) = OperatingSystem.IsLinux() ? (1, 15) : (0xffff, 0x200);
        socket.SetRawSocketOption(level, name, BitConverter.GetBytes(1));
        Log.ReusePortSet(_logger, endPoint.ToString());
    }

    private static void EnqueueAll(Queue<PlannedSocket> pending, PlannedSocket[] sockets)
    {
        foreach (PlannedSocket socket in sockets)
        {
            pending.Enqueue(socket);
        }
    }

    private static string Describe(PlannedSocket[] sockets, int port)
        => string.Join(" and ", Array.ConvertAll(sockets, socket => DescribeEndPoint(socket.Address, port)));

    // Before the first socket is bound with port 0 there is no port yet: "127.0.0.1:0" would read as a real port.
    private static string DescribeEndPoint(IPAddress address, int port)
        => port != 0
            ? new IPEndPoint(address, port).ToString()
            : (address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString()) + " (port chosen by the OS)";

    private static bool IsFamilyOrAddressUnavailable(SocketError error)
        => error is SocketError.AddressFamilyNotSupported
            or SocketError.ProtocolFamilyNotSupported
            or SocketError.AddressNotAvailable;
}
