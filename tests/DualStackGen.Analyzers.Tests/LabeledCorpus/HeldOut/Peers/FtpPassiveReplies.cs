using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HeldOut.Peers.FtpPassive;

/// <summary>The control connection of an FTP server whose listener is dual-mode.</summary>
public sealed class FtpControlConnection
{
    private readonly TcpClient _control;

    public FtpControlConnection(TcpClient control) => _control = control;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_control.Client.LocalEndPoint!;

    public IPEndPoint RemoteEndPoint => (IPEndPoint)_control.Client.RemoteEndPoint!;

    // PASV: "h1,h2,h3,h4,p1,p2" from the address the client reached us on.
    public string PassiveReply(int dataPort)
    {
        byte[] octets = LocalEndPoint.Address.GetAddressBytes(); // expect: DSG0004
        return string.Format(CultureInfo.InvariantCulture, "227 Entering Passive Mode ({0},{1},{2},{3},{4},{5})",
            octets[0], octets[1], octets[2], octets[3], dataPort >> 8, dataPort & 0xFF);
    }

    public string PassiveReplyFromText(int dataPort)
    {
        string hostPart = LocalEndPoint.Address.ToString().Replace('.', ','); // expect: DSG0004
        return $"227 Entering Passive Mode ({hostPart},{dataPort >> 8},{dataPort & 0xFF})";
    }

    // EPSV carries no address, so nothing to unwrap.
    public static string ExtendedPassiveReply(int dataPort) => $"229 Entering Extended Passive Mode (|||{dataPort}|)";

    // PORT: refuse a data connection to anyone but the control connection's client (no FTP bounce).
    public bool AcceptsPortTarget(string argument)
    {
        string[] fields = argument.Split(',');
        var target = new IPAddress(new[] { byte.Parse(fields[0]), byte.Parse(fields[1]), byte.Parse(fields[2]), byte.Parse(fields[3]) });
        return target.Equals(RemoteEndPoint.Address); // expect: DSG0004
    }
}

/// <summary>The same replies written with the mapped form unwrapped first.</summary>
public sealed class NormalizedPassiveReplies
{
    private readonly Socket _control;

    public NormalizedPassiveReplies(Socket control) => _control = control;

    public string PassiveReply(int dataPort)
    {
        IPAddress local = ((IPEndPoint)_control.LocalEndPoint!).Address;
        if (local.IsIPv4MappedToIPv6)
        {
            local = local.MapToIPv4();
        }

        if (local.AddressFamily != AddressFamily.InterNetwork)
        {
            return "522 Use EPSV";
        }

        byte[] octets = local.GetAddressBytes();
        return $"227 Entering Passive Mode ({octets[0]},{octets[1]},{octets[2]},{octets[3]},{dataPort >> 8},{dataPort & 0xFF})";
    }
}

public sealed class FtpListener
{
    private readonly TcpListener _listener = TcpListener.Create(21);

    public FtpControlConnection Accept()
    {
        _listener.Start();
        return new FtpControlConnection(_listener.AcceptTcpClient());
    }
}
