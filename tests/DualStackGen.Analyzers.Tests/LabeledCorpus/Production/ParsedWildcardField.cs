using System.Net;
using System.Net.Sockets;

namespace Labeled.ParsedWildcard;

/// <summary>IPAddress.Parse("0.0.0.0") in a static field.</summary>
public sealed class MetricsEndpoint
{
    private static readonly IPAddress Everywhere = IPAddress.Parse("0.0.0.0"); // expect: DSG0002

    public TcpListener Create(int port) => new TcpListener(Everywhere, port);
}
