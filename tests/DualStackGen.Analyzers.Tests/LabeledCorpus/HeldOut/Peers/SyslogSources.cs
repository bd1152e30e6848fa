using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace HeldOut.Peers.Syslog;

/// <summary>A syslog collector naming its sources from a table of configured device addresses.</summary>
public sealed class SyslogCollector
{
    private readonly Dictionary<IPAddress, string> _devices = new()
    {
        [IPAddress.Parse("192.0.2.1")] = "core-router",
        [IPAddress.Parse("192.0.2.2")] = "edge-firewall",
    };

    private readonly UdpClient _udp;

    public SyslogCollector(int port = 514)
    {
        _udp = new UdpClient(AddressFamily.InterNetworkV6);
        _udp.Client.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, false);
        _udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
    }

    public async Task<string> ReceiveAsync()
    {
        UdpReceiveResult message = await _udp.ReceiveAsync();
        string device = _devices.TryGetValue(message.RemoteEndPoint.Address, out string? name) ? name : "unknown"; // expect: DSG0004
        Console.WriteLine($"{device} ({message.RemoteEndPoint}): {message.Buffer.Length} bytes");
        return device;
    }
}
