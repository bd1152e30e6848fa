using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Robustness.Valid;

public partial class PartialServer
{
    private IPAddress _address = default!;

    partial void OnConfigure(ref IPAddress address);

    public partial IPAddress Choose(string? word);

    public Socket Start(int port)
    {
        IPAddress address = Choose(nameof(IPAddress.Any));
        OnConfigure(ref address);
        _address = address;
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(_address, port));
        return socket;
    }
}

public partial class PartialServer
{
    partial void OnConfigure(ref IPAddress address) => address ??= IPAddress.IPv6Any;

    public partial IPAddress Choose(string? word) => word switch
    {
        null or "" => default(IPAddress) ?? IPAddress.IPv6Any,
        "Any" => IPAddress.Any,
        { Length: > 40 } => throw new ArgumentException(word),
        var other when IPAddress.TryParse(other, out IPAddress? parsed) => parsed,
        _ => Dns.GetHostAddresses(word)[0],
    };
}

public record ServerConfig(string Host = "", int Port = 0, AddressFamily Family = AddressFamily.InterNetwork)
{
    public IPEndPoint EndPoint => new(IPAddress.Parse(Host), Port);
}

public readonly record struct Peer(IPAddress Address, int Port);

public static class Generic<T>
    where T : EndPoint
{
    public static T? Last;

    public static TResult Map<TResult>(T endPoint, Func<T, TResult> map) => map(endPoint);

    public static void Bind(Socket socket, T endPoint)
    {
        socket.Bind(endPoint);
        socket.DualMode = default;
        Last = endPoint;
    }
}

public static unsafe class UnsafeCode
{
    public static int Checksum(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        int sum = 0;
        fixed (byte* p = bytes)
        {
            for (int i = 0; i < written; i++)
            {
                sum += p[i];
            }
        }

        return sum;
    }
}

public static class Patterns
{
    public static string Describe(object? value, AddressFamily family, bool dual) => (value, family, dual) switch
    {
        (IPAddress { AddressFamily: AddressFamily.InterNetwork } a, _, _) => $"{a}:{0}",
        (IPEndPoint { Address: var a, Port: var p }, AddressFamily.InterNetworkV6, true) => a + ":" + p,
        (string s, _, _) when s.Split(':') is [var h, var p] => h + p,
        (null, _, _) => "",
        _ => value.ToString() ?? "",
    };

    public static Socket Create(bool v6) => (v6, Socket.OSSupportsIPv6) switch
    {
        (true, true) => new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true },
        _ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp),
    };

    public static bool IsPeer(EndPoint? endPoint) => endPoint is IPEndPoint { Address: { } a } && a.Equals(IPAddress.Loopback);

    public static IEnumerable<IPEndPoint> Lazy(int port)
    {
        yield return new IPEndPoint(IPAddress.Any, port);
        foreach (IPAddress a in Dns.GetHostAddresses(""))
        {
            yield return new(a, port);
        }
    }

    public static void Local(int port)
    {
        Socket Make() => new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        static IPEndPoint Where(int p) => new(IPAddress.Any, p);
        Make().Bind(Where(port));
        Action<Socket> late = s => s.DualMode = true;
        late(Make());
        var tuple = (Make(), Where(port));
        tuple.Item1.Bind(tuple.Item2);
        (Socket s2, IPEndPoint e2) = tuple;
        s2.Bind(e2);
        ref IPEndPoint r = ref e2;
        r = Where(port + 1);
    }

    public static int Recursive(IPAddress a, int depth) => depth == 0 ? a.GetHashCode() : Recursive(a ?? IPAddress.Any, depth - 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Ints(int port) => _ = new TcpListener(port is > 0 and < 65536 ? port : 0);
}

public sealed class Indexed
{
    private readonly Dictionary<string, IPAddress> _byName = new() { ["any"] = IPAddress.Any, [""] = IPAddress.None };

    public IPAddress this[string name] { get => _byName[name]; set => _byName[name] = value; }

    public TcpListener Listen(int port) => new(this["any"], port);

    public event EventHandler<IPEndPoint>? Bound;

    public void Raise(Socket s) => Bound?.Invoke(this, (IPEndPoint)s.LocalEndPoint!);

    public static implicit operator IPAddress(Indexed i) => i["any"];

    public static TcpListener Converted(Indexed i, int port) => new(i, port);
}

public abstract class CyclicFactory
{
    private readonly List<IPEndPoint> _endPoints = new();
    private readonly Queue<IPAddress> _queue = new();

    protected abstract IPEndPoint Make(int port);

    protected virtual IPAddress Pick() => Pick();

    public static bool Resolve(string host, out IPAddress[] addresses) => Resolve(host, out addresses);

    public static void Swap(ref IPAddress a, ref IPAddress b) => (a, b) = (b, a);

    public void Start(int port)
    {
        _endPoints.Add(Make(port));
        _endPoints.Add(_endPoints[0]);
        _queue.Enqueue(_queue.Peek());
        foreach (IPEndPoint endPoint in _endPoints)
        {
            new TcpListener(endPoint).Start();
        }

        foreach (IPAddress address in _queue)
        {
            new TcpListener(address, port).Start();
        }

        Resolve("", out IPAddress[] answer);
        IPAddress first = answer[0];
        IPAddress second = Pick();
        Swap(ref first, ref second);
        new TcpListener(first, port).Start();
    }
}

public sealed class DerivedFactory : CyclicFactory
{
    protected override IPEndPoint Make(int port) => new(IPAddress.Any, port);

    protected override IPAddress Pick() => base.Pick() ?? IPAddress.IPv6Any;
}
