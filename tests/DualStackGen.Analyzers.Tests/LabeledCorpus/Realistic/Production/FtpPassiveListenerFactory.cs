using System;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Ftp;

/// <summary>Opens PASV/EPSV data listeners on the address the control connection arrived on.</summary>
public sealed class PassiveListenerFactory
{
    private readonly FtpServerOptions _options;
    private readonly Random _random = new();

    public PassiveListenerFactory(FtpServerOptions options) => _options = options;

    public TcpListener CreateListener(TcpClient control)
    {
        var local = (IPEndPoint)control.Client.LocalEndPoint!;
        int port = _random.Next(_options.PasvMinPort, _options.PasvMaxPort + 1);
        var listener = new TcpListener(local.Address, port);
        listener.Start();
        return listener;
    }

    public string EpsvReply(TcpListener listener) => $"229 Entering Extended Passive Mode (|||{((IPEndPoint)listener.LocalEndpoint).Port}|)";

    public string PasvReply(TcpListener listener)
    {
        var endPoint = (IPEndPoint)listener.LocalEndpoint;
        IPAddress address = _options.PasvAddress ?? endPoint.Address;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        byte[] bytes = address.GetAddressBytes();
        return $"227 Entering Passive Mode ({bytes[0]},{bytes[1]},{bytes[2]},{bytes[3]},{endPoint.Port >> 8},{endPoint.Port & 0xff})";
    }

    public void LogDataConnection(TcpClient data)
    {
        var remote = (IPEndPoint)data.Client.RemoteEndPoint!;
        Console.WriteLine($"Data connection from {remote.Address}:{remote.Port}");
        Console.Error.WriteLine("closing " + remote.Address + ":" + remote.Port);
    }
}
