namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>
/// A discovery responder whose caller chooses its address: the broadcast address when it answers on every
/// interface, the IPv4 wildcard otherwise. An IPv4 broadcast protocol either way, which DSG0001 and DSG0002 leave
/// alone.
/// </summary>
internal static class BroadcastResponder
{
    public const string Source = """

        public sealed class DiscoveryResponder
        {
            private readonly IPEndPoint _endpoint;
            private readonly Socket _socket;

            public DiscoveryResponder(IPAddress bindAddress, int port)
            {
                _endpoint = new IPEndPoint(bindAddress, port);
                _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            }

            public void Start() => _socket.Bind(_endpoint);
        }

        public sealed class DiscoveryEntryPoint
        {
            public DiscoveryResponder Create(bool everyInterface, int port) =>
                everyInterface ? new DiscoveryResponder(IPAddress.Broadcast, port) : new DiscoveryResponder(IPAddress.Any, port);
        }
        """;
}
