using System.Net;
using System.Net.Sockets;

namespace Labeled.UdpConnect;

/// <summary>A syslog sender that connects its UdpClient to the first answer.</summary>
public sealed class SyslogSender
{
    private readonly UdpClient _client = new UdpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };

    public void Connect(string server, int port)
    {
        IPAddress[] answer = Dns.GetHostAddresses(server);
        _client.Connect(answer[0], port); // expect: DSG0008
    }
}
