using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Realistic.Ftp;

/// <summary>PORT and EPRT commands: the client names the address the server connects back to.</summary>
public static class ActiveDataConnection
{
    public static IPEndPoint ParseEprt(string argument)
    {
        char delimiter = argument[0];
        string[] fields = argument.Split(delimiter);
        var address = IPAddress.Parse(fields[2]);
        int port = int.Parse(fields[3], CultureInfo.InvariantCulture);
        return new IPEndPoint(address, port);
    }

    public static IPEndPoint ParsePort(string argument)
    {
        string[] values = argument.Split(',');
        var address = IPAddress.Parse(string.Join('.', values, 0, 4));
        int port = (int.Parse(values[4], CultureInfo.InvariantCulture) << 8) | int.Parse(values[5], CultureInfo.InvariantCulture);
        return new IPEndPoint(address, port);
    }

    public static TcpClient Open(IPEndPoint target)
    {
        var client = new TcpClient(target.AddressFamily);
        client.Connect(target);
        return client;
    }

    public static bool IsSameClient(TcpClient control, IPEndPoint target)
    {
        var peer = (IPEndPoint)control.Client.RemoteEndPoint!;
        return peer.Address.Equals(target.Address); // expect: DSG0004
    }
}
