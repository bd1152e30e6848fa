using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Peers.Lobby;

/// <summary>A game lobby on one dual-mode UDP socket deciding by the sender's bytes whether it is a LAN player.</summary>
public sealed class LobbyServer
{
    private readonly UdpClient _udp;
    private readonly Dictionary<IPEndPoint, string> _names = new();

    public LobbyServer(int port)
    {
        _udp = new UdpClient(AddressFamily.InterNetworkV6);
        _udp.Client.DualMode = true;
        _udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
    }

    public void Poll()
    {
        var from = new IPEndPoint(IPAddress.IPv6Any, 0);
        byte[] packet = _udp.Receive(ref from);
        _names[from] = System.Text.Encoding.UTF8.GetString(packet);
        if (IsLanPlayer(from.Address))
        {
            _udp.Send(packet, packet.Length, from);
        }
    }

    private static bool IsLanPlayer(IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes(); // expect: DSG0004
        return bytes.Length == 4 && (bytes[0] == 10 || (bytes[0] == 192 && bytes[1] == 168));
    }

    public bool IsIPv6Player(IPEndPoint player) => player.AddressFamily == AddressFamily.InterNetworkV6 && !player.Address.IsIPv4MappedToIPv6;

    public IEnumerable<string> Names => _names.Values;

    public void Kick(IPEndPoint player) => Console.WriteLine($"kicked {player}");
}
