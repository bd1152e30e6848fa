using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Labeled.Tests.Backlog;

/// <summary>Fills a listener's backlog with IPv4 clients to test refusal.</summary>
public static class BacklogFiller
{
    public static List<Socket> Fill(int port, int count)
    {
        var clients = new List<Socket>();
        for (int i = 0; i < count; i++)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp); // expect-when-analyzed: DSG0001
            client.Connect(IPAddress.Loopback, port);
            clients.Add(client);
        }

        return clients;
    }
}
