using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Labeled.Tests.AnyListener;

/// <summary>A test that listens on the IPv4 wildcard to check an IPv4 client.</summary>
public sealed class AnyListenerTests
{
    [Fact]
    public void Ipv4_client_connects()
    {
        var listener = new TcpListener(IPAddress.Any, 0); // expect-when-analyzed: DSG0002
        listener.Start();
        using var client = new TcpClient("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        Assert.True(client.Connected);
        listener.Stop();
    }
}
