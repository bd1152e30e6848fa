using System;
using System.Net;
using System.Net.Sockets;

namespace Labeled.SilentRememberedPeerText;

/// <summary>
/// A chat server that remembers the last client to leave, as "address:port" text, for a later log line; and a key
/// table whose entries are "type:base64", split at ':' with the type parsed as a number.
/// </summary>
public static class ChatSessions
{
    private static string? s_lastLeft;

    public static string LastLeft => s_lastLeft ?? "nobody";

    public static string Describe(TcpClient client)
    {
        var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
        string peer = remote.Address + ":" + remote.Port;
        return "client " + peer;
    }

    public static void Leave(TcpClient client)
    {
        s_lastLeft = Describe(client);
        ChatLog.Write(s_lastLeft + " left");
        client.Close();
    }

    public static void OnClosed() => ChatLog.Write(LastLeft + " closed its connection");

    public static (int Type, byte[] Key) ReadKey(string entry)
    {
        string[] fields = entry.Split(':');
        return (int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(fields[1]));
    }
}

public static class ChatLog
{
    public static void Write(string line) => Console.WriteLine(line);
}
