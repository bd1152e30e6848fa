using System.Net;
using System.Net.Sockets;

namespace Labeled.PrimaryConstructor;

/// <summary>A primary constructor parameter defaulted to the IPv4 wildcard by its only caller.</summary>
public sealed class GameServer(IPAddress bindAddress, int port)
{
    public UdpClient Open() => new UdpClient(new IPEndPoint(bindAddress, port));
}

public static class GameHost
{
    public static GameServer Create() => new GameServer(IPAddress.Any, 27015); // expect: DSG0002
}
