using System.Net;
using System.Net.Sockets;

namespace Labeled.BackingField;

/// <summary>A property setter stores the address in a backing field that Listen binds.</summary>
public sealed class FtpServer
{
    private IPAddress _listenAddress = IPAddress.IPv6Any;

    public IPAddress ListenAddress
    {
        get => _listenAddress;
        set => _listenAddress = value;
    }

    public static FtpServer Legacy() => new FtpServer { ListenAddress = IPAddress.Any }; // expect: DSG0002

    public TcpListener Listen(int port)
    {
        var listener = new TcpListener(_listenAddress, port);
        listener.Server.DualMode = true;
        listener.Start();
        return listener;
    }
}
