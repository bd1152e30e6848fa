using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Peers.ConsoleAcl;

/// <summary>A telnet-style console on a dual-mode listener with an allow list of address strings from configuration.</summary>
public sealed class RemoteConsole
{
    private readonly HashSet<string> _allowed;
    private readonly TcpListener _listener;

    public RemoteConsole(IEnumerable<string> allowed, int port)
    {
        _allowed = new HashSet<string>(allowed, StringComparer.OrdinalIgnoreCase);
        _listener = new TcpListener(IPAddress.IPv6Any, port);
        _listener.Server.DualMode = true;
    }

    public void Run()
    {
        _listener.Start();
        while (true)
        {
            TcpClient client = _listener.AcceptTcpClient();
            if (!IsAllowed(client) && !IsLocal(client))
            {
                Console.WriteLine($"refused {client.Client.RemoteEndPoint}");
                client.Close();
                continue;
            }

            client.Close();
        }
    }

    private bool IsAllowed(TcpClient client)
    {
        string ip = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
        return _allowed.Contains(ip); // expect: DSG0004
    }

    private static bool IsLocal(TcpClient client)
    {
        string text = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
        return text == "127.0.0.1" || text == "::1"; // expect: DSG0004
    }
}
