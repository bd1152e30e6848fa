using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.GuardedHost;

/// <summary>The empty host mapped to "::" in the constructor; Start parses the guarded value.</summary>
public sealed class ConfiguredServer
{
    private readonly string _host;

    public ConfiguredServer(string? host) => _host = string.IsNullOrEmpty(host) ? "::" : host;

    public TcpListener Start(int port)
    {
        var listener = new TcpListener(IPAddress.Parse(_host), port);
        listener.Server.DualMode = true;
        listener.Start();
        return listener;
    }
}
