using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Labeled.ChosenFamilyBans;

/// <summary>
/// A server that opens one family, chosen by its configuration, on a socket it never makes dual-mode: its peers are
/// never mapped, so its ban list of addresses needs no unwrapping. A dictionary's value is stored, not compared.
/// </summary>
public sealed class LobbyServer
{
    private readonly BanRegistry _bans = new();
    private Socket? _listener;

    public void Start(int port, bool preferIPv6)
    {
        IPAddress wildcard = preferIPv6 ? IPAddress.IPv6Any : IPAddress.Any;
        _listener = new Socket(wildcard.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(wildcard, port));
        _listener.Listen(64);
        _listener.BeginAccept(Accepted, null);
    }

    private void Accepted(IAsyncResult result)
    {
        Socket member = _listener!.EndAccept(result);
        var remote = (IPEndPoint)member.RemoteEndPoint!;
        _bans.Track(member.Handle.ToInt64(), remote.Address);
        if (_bans.IsBanned(remote.Address))
        {
            member.Close();
        }
    }
}

internal sealed class BanRegistry
{
    private readonly Dictionary<long, IPAddress> _byConnection = new();
    private readonly HashSet<IPAddress> _banned = new();

    public void Track(long connection, IPAddress address) => _byConnection[connection] = address;

    public void Ban(long connection)
    {
        if (_byConnection.TryGetValue(connection, out IPAddress? address))
        {
            _banned.Add(address);
        }
    }

    public bool IsBanned(IPAddress address) => _banned.Contains(address);
}
