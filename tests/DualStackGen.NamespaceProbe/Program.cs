using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen;
using DualStackGen.NamespaceProbe;

// usage: DualStackGen.NamespaceProbe HOST MODE [--occupy ADDRESS:PORT]... [--starts N] [CLIENT_ADDRESS]...
// Optionally holds listeners on the given endpoints, then starts a TCP server on HOST port 0 with MODE (N times,
// one after the other), connects to it from each client address and sends one message. Prints one line per fact:
// the capabilities, each listening socket, each client's fate, every log entry, or why the start failed.
// usage: DualStackGen.NamespaceProbe udp-reply HOST MODE SOURCE>TARGET...: where UDP replies come from (UdpReplyProbe).
// usage: DualStackGen.NamespaceProbe udp-congested SERVER CLIENT COUNT: replies through a full send buffer (UdpCongestedReplyProbe).
if (args.Length > 0 && args[0] == "udp-reply")
{
    return await UdpReplyProbe.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "udp-congested")
{
    return await UdpCongestedReplyProbe.RunAsync(args[1..]);
}

if (args.Length < 2 || !Enum.TryParse(args[1], out ListenMode mode))
{
    Console.Error.WriteLine("usage: DualStackGen.NamespaceProbe HOST MODE [--occupy ADDRESS:PORT]... [--starts N] [CLIENT_ADDRESS]...");
    return 2;
}

var occupied = new List<Socket>();
var clients = new List<IPAddress>();
int starts = 1;
for (int i = 2; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--occupy":
            IPEndPoint endPoint = IPEndPoint.Parse(args[++i]);
            var occupier = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                occupier.DualMode = false;
            }

            occupier.Bind(endPoint);
            occupier.Listen();
            occupied.Add(occupier);
            break;
        case "--starts":
            starts = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            clients.Add(IPAddress.Parse(args[i]));
            break;
    }
}

SocketCapabilities capabilities = OsSocketCapabilityProbe.Shared.GetCapabilities();
Console.WriteLine($"capabilities ipv4={capabilities.SupportsIPv4} ipv6={capabilities.SupportsIPv6} dualstack={capabilities.SupportsDualStack}");

for (int start = 0; start < starts; start++)
{
    TcpListenerSet listeners;
    try
    {
        listeners = await DualStackListener.ListenTcpAsync(new ListenOptions { Host = args[0], Mode = mode, Logger = new ProbeLogger() });
    }
    catch (Exception e)
    {
        Console.WriteLine($"start-failed {e.GetType().Name} {ProbeLogger.OneLine(e.Message)}");
        continue;
    }

    await using (listeners)
    {
        foreach (Socket socket in listeners.Sockets)
        {
            string v6Only = socket.AddressFamily == AddressFamily.InterNetworkV6
                ? ((int)socket.GetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only)!).ToString(CultureInfo.InvariantCulture)
                : "-";
            Console.WriteLine($"listening {((IPEndPoint)socket.LocalEndPoint!).ToDisplayString()} v6only={v6Only}");
        }

        foreach (IPAddress client in clients)
        {
            Console.WriteLine($"client {client} {await TrySendAsync(listeners, client)}");
        }
    }
}

occupied.ForEach(socket => socket.Dispose());
return 0;

static async Task<string> TrySendAsync(TcpListenerSet listeners, IPAddress address)
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
    using var client = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    try
    {
        await client.ConnectAsync(new IPEndPoint(address, listeners.Port), timeout.Token);
    }
    catch (SocketException e)
    {
        return $"refused {e.SocketErrorCode}";
    }

    using Socket accepted = await listeners.AcceptAsync(timeout.Token);
    byte[] message = "ping"u8.ToArray();
    await client.SendAsync(message, timeout.Token);
    byte[] received = new byte[message.Length];
    int length = await accepted.ReceiveAsync(received, timeout.Token);
    string seen = ((IPEndPoint)accepted.RemoteEndPoint!).ToDisplayString();
    bool intact = length == message.Length && received.SequenceEqual(message);
    return $"served seen={seen} intact={intact}";
}
