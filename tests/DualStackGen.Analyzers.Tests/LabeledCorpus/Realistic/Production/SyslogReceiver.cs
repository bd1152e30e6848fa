using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Realistic.Syslog;

/// <summary>A syslog receiver: the classic port-only UdpClient.</summary>
public sealed class SyslogReceiver : IDisposable
{
    private readonly UdpClient _udp;

    public SyslogReceiver(int port = 514) => _udp = new UdpClient(port); // expect: DSG0002

    public event Action<string, string>? MessageReceived;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            UdpReceiveResult result = await _udp.ReceiveAsync(cancellationToken);
            string text = Encoding.UTF8.GetString(result.Buffer);
            MessageReceived?.Invoke(result.RemoteEndPoint.ToString(), text);
            Console.WriteLine($"{DateTime.UtcNow:O} {result.RemoteEndPoint.Address} {text}");
        }
    }

    public void Dispose() => _udp.Dispose();
}
