using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Realistic.Proxy;

/// <summary>A TCP proxy's upstream pool: "host:port" entries split on the last colon, resolved, connected in turn.</summary>
public sealed class UpstreamPool
{
    private readonly List<(string Host, int Port)> _upstreams = new();

    public UpstreamPool(IEnumerable<string> entries)
    {
        foreach (string entry in entries)
        {
            int separator = entry.LastIndexOf(':'); // expect: DSG0007
            string host = entry.Substring(0, separator);
            int port = int.Parse(entry.Substring(separator + 1));
            _upstreams.Add((host, port));
        }
    }

    public async Task<Socket> ConnectAsync()
    {
        foreach ((string host, int port) in _upstreams)
        {
            foreach (IPAddress address in await Dns.GetHostAddressesAsync(host))
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(address, port);
                    return socket;
                }
                catch (SocketException)
                {
                    socket.Dispose();
                }
            }
        }

        throw new InvalidOperationException("no upstream reachable");
    }
}
