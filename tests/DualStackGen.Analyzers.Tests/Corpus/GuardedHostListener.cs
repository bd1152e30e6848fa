using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus;

/// <summary>A listener whose host comes from configuration, with the empty host mapped to any address first and every resolved address tried.</summary>
public sealed class GuardedHostListener
{
    private readonly string? _configuredHost;

    public GuardedHostListener(string? configuredHost) => _configuredHost = configuredHost;

    public async Task<Socket> ListenAsync(int port, CancellationToken cancellationToken)
    {
        string host = string.IsNullOrWhiteSpace(_configuredHost) ? "::" : _configuredHost.Trim();
        IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress? literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = true;
                }

                socket.Bind(new IPEndPoint(address, port));
                socket.Listen();
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    public static TcpListener FromEnvironment(int port)
    {
        string? host = Environment.GetEnvironmentVariable("LISTEN_HOST");
        if (host is null || host.Length == 0)
        {
            return TcpListener.Create(port);
        }

        return new TcpListener(IPAddress.Parse(host), port);
    }
}
