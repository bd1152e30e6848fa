using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace HeldOut.Peers.GameBans;

/// <summary>Bans loaded from a file of IPv4 addresses and added at run time, on a dual-mode UDP game socket.</summary>
public sealed class BanRegistry
{
    private readonly Dictionary<IPAddress, DateTime> _bans = new();

    public void Load(string path)
    {
        foreach (string line in File.ReadLines(path))
        {
            if (IPAddress.TryParse(line.Trim(), out IPAddress? parsed))
            {
                _bans[parsed] = DateTime.MaxValue;
            }
        }
    }

    public void Ban(IPAddress address, TimeSpan duration) => _bans[address] = DateTime.UtcNow + duration;

    public bool IsBanned(IPAddress address) => _bans.TryGetValue(address, out DateTime until) && until > DateTime.UtcNow; // expect: DSG0004
}

public sealed class GameServer
{
    private readonly BanRegistry _bans = new();
    private readonly Dictionary<IPEndPoint, int> _players = new();
    private readonly Socket _socket = new(SocketType.Dgram, ProtocolType.Udp);

    public GameServer(int port, string banFile)
    {
        _bans.Load(banFile);
        _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
    }

    public async Task ReceiveAsync()
    {
        var buffer = new byte[1200];
        SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.IPv6Any, 0));
        var sender = (IPEndPoint)result.RemoteEndPoint;
        if (_bans.IsBanned(sender.Address))
        {
            return;
        }

        if (!_players.ContainsKey(sender))
        {
            _players[sender] = _players.Count + 1;
        }
    }
}
