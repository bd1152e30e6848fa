using System.Net.Sockets;

namespace Labeled.EndPointTextSplit;

/// <summary>A gateway that admits one configured client by cutting the peer's endpoint text at its first ':'.</summary>
public sealed class SingleClientGateway
{
    private readonly string _allowedClient;

    public SingleClientGateway(string allowedClient) => _allowedClient = allowedClient;

    public bool Admit(TcpClient client)
    {
        string peer = client.Client.RemoteEndPoint!.ToString()!;
        peer = peer.Split(':')[0]; // expect: DSG0007
        return peer == _allowedClient;
    }
}
