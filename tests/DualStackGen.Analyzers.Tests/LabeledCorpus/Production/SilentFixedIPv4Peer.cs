using System.Net;
using System.Net.Sockets;

namespace Labeled.Silent.FixedIPv4Peer;

/// <summary>An FTP-style active data connection: the PORT command names the peer as four numbers, IPv4 by protocol.</summary>
public sealed class ActiveDataChannel
{
    private Socket? _data;

    public void OnPortCommand(string argument)
    {
        string[] fields = argument.Split(',');
        int port = (int.Parse(fields[4]) << 8) | int.Parse(fields[5]);
        IPAddress peer = IPAddress.Parse(fields[0] + "." + fields[1] + "." + fields[2] + "." + fields[3]);
        OpenTo(peer, port);
    }

    private void OpenTo(IPAddress peer, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var target = new IPEndPoint(peer, port);
        socket.Connect(target);
        _data = socket;
    }

    public void Close() => _data?.Dispose();
}

/// <summary>A receiver bound to one unicast address this host owns.</summary>
public static class OneAddressReceiver
{
    public static Socket Open()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var local = new IPEndPoint(IPAddress.Parse("198.51.100.7"), 6000);
        socket.Bind(local);
        return socket;
    }
}
