using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HeldOut.Listening.Receivers;

/// <summary>A syslog receiver on UDP 514, its client created in a field initializer.</summary>
public sealed class SyslogReceiver : IDisposable
{
    private readonly UdpClient _client = new UdpClient(514); // expect: DSG0002

    public event Action<string>? MessageReceived;

    public Task RunAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            UdpReceiveResult result = await _client.ReceiveAsync(cancellationToken);
            MessageReceived?.Invoke(Encoding.UTF8.GetString(result.Buffer));
        }
    }, cancellationToken);

    public void Dispose() => _client.Dispose();
}

/// <summary>A StatsD-style metrics receiver started from an async method.</summary>
public sealed class MetricsReceiver
{
    public int Port { get; init; } = 8125;

    public async Task ListenAsync(Action<string> onLine, CancellationToken cancellationToken)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Any, Port)); // expect: DSG0002
        while (!cancellationToken.IsCancellationRequested)
        {
            UdpReceiveResult datagram = await client.ReceiveAsync(cancellationToken);
            foreach (string line in Encoding.ASCII.GetString(datagram.Buffer).Split('\n'))
            {
                onLine(line);
            }
        }
    }
}

/// <summary>An SNMP trap receiver on a family-less socket: .NET makes it dual-mode, so [::] serves both families.</summary>
public sealed class TrapReceiver : IDisposable
{
    private readonly Socket _socket = new Socket(SocketType.Dgram, ProtocolType.Udp);

    public void Start(int port = 162) => _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));

    public int Receive(byte[] buffer, ref EndPoint sender) => _socket.ReceiveFrom(buffer, ref sender);

    public void Dispose() => _socket.Dispose();
}

/// <summary>A log shipper's UDP input created with the default UdpClient constructor, which makes an IPv4 socket.</summary>
public sealed class GelfInput
{
    private UdpClient? _udp;

    public void Open(int port)
    {
        _udp = new UdpClient();
        _udp.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _udp.Client.Bind(new IPEndPoint(IPAddress.Any, port)); // expect: DSG0002
    }

    public Task<UdpReceiveResult> NextAsync() => _udp!.ReceiveAsync();
}
