using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Realistic.DnsServer;

/// <summary>Receives queries on the configured endpoint and forwards them to an upstream, keyed by id and client.</summary>
public sealed class DnsUdpServer : IDisposable
{
    private readonly DnsServerSettings _settings;
    private readonly ConcurrentDictionary<(ushort Id, IPEndPoint Client), DateTime> _pending = new();
    private UdpClient? _udp;

    public DnsUdpServer(DnsServerSettings settings) => _settings = settings;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _udp = new UdpClient(_settings.ListenEndPoint());
        while (!cancellationToken.IsCancellationRequested)
        {
            UdpReceiveResult request = await _udp.ReceiveAsync(cancellationToken);
            if (request.Buffer.Length < 12)
            {
                Console.WriteLine($"short query from {request.RemoteEndPoint}");
                continue;
            }

            ushort id = (ushort)((request.Buffer[0] << 8) | request.Buffer[1]);
            _pending[(id, request.RemoteEndPoint)] = DateTime.UtcNow;
            byte[] answer = await ForwardAsync(request.Buffer, cancellationToken);
            await _udp.SendAsync(answer, request.RemoteEndPoint, cancellationToken);
            _pending.TryRemove((id, request.RemoteEndPoint), out _);
        }
    }

    private async Task<byte[]> ForwardAsync(byte[] query, CancellationToken cancellationToken)
    {
        foreach (string upstream in _settings.Upstreams)
        {
            var target = new IPEndPoint(IPAddress.Parse(upstream), 53);
            using var client = new UdpClient(target.AddressFamily);
            try
            {
                await client.SendAsync(query, target, cancellationToken);
                UdpReceiveResult reply = await client.ReceiveAsync(cancellationToken);
                return reply.Buffer;
            }
            catch (SocketException)
            {
                continue;
            }
        }

        return query;
    }

    public void Dispose() => _udp?.Dispose();
}
