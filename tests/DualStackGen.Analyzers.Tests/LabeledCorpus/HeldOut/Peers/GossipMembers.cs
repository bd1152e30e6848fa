using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HeldOut.Peers.Gossip;

/// <summary>Cluster members announce themselves as text and are parsed back by the others.</summary>
public sealed class MemberList
{
    private readonly Dictionary<string, DateTime> _lastSeen = new();

    public static byte[] Announce(IPEndPoint self)
    {
        string text = $"{self.Address}:{self.Port}"; // expect: DSG0007
        return Encoding.ASCII.GetBytes("JOIN " + text);
    }

    public static byte[] AnnounceBracketed(IPEndPoint self) => Encoding.ASCII.GetBytes("JOIN " + self);

    public static IPEndPoint ParseMember(string text)
    {
        string[] parts = text.Split(':'); // expect: DSG0007
        return new IPEndPoint(IPAddress.Parse(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public static IPEndPoint? TryParseMember(string text) => IPEndPoint.TryParse(text, out IPEndPoint? endPoint) ? endPoint : null;

    // The round trip through the endpoint's own text: brackets on the way out, cut at the first ':' on the way in.
    public static int PortOfSelf(Socket socket)
    {
        string local = socket.LocalEndPoint!.ToString()!;
        return int.Parse(local.Split(':')[1], CultureInfo.InvariantCulture); // expect: DSG0007
    }

    public void Seen(IPEndPoint member) => _lastSeen[member.Address + ":" + member.Port] = DateTime.UtcNow;

    public bool IsAlive(IPEndPoint member) => _lastSeen.TryGetValue(member.Address + ":" + member.Port, out DateTime seen) && DateTime.UtcNow - seen < TimeSpan.FromSeconds(30);
}
