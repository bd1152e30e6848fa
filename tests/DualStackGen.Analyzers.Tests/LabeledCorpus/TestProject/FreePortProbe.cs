using System.Net;
using System.Net.Sockets;

namespace Labeled.Tests.FreePort;

/// <summary>A free-port probe of a test project.</summary>
public static class FreePort
{
    public static int Find()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0); // expect-when-analyzed: DSG0006
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
