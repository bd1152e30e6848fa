namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>
/// One listener class whose subclasses each pass a family's wildcard to the base and are created side by side, next
/// to a base whose two subclasses pass one wildcard and a loopback: the source DSG0002's and DSG0009's per-family
/// tests share, each marking the finding of its own family.
/// </summary>
internal static class PerFamilyListeners
{
    public static string Source(string pairedV4, string pairedV6, string loneV4, string loneV6) => Template
        .Replace("PAIREDV4", pairedV4, System.StringComparison.Ordinal)
        .Replace("PAIREDV6", pairedV6, System.StringComparison.Ordinal)
        .Replace("LONEV4", loneV4, System.StringComparison.Ordinal)
        .Replace("LONEV6", loneV6, System.StringComparison.Ordinal);

    private const string Template = """

        public abstract class FamilyListener
        {
            private readonly IPAddress _address;
            private readonly int _port;

            protected FamilyListener(int port, IPAddress address)
            {
                _port = port;
                _address = address;
            }

            public TcpListener Start()
            {
                var listener = new TcpListener(_address, _port);
                listener.Start();
                return listener;
            }
        }

        public sealed class V4Listener : FamilyListener
        {
            public V4Listener(int port) : base(port, PAIREDV4) { }
        }

        public sealed class V6Listener : FamilyListener
        {
            public V6Listener(int port) : base(port, PAIREDV6) { }
        }

        public abstract class OnlyListener
        {
            private readonly IPAddress _address;

            protected OnlyListener(IPAddress address) => _address = address;

            public TcpListener Start(int port) => new TcpListener(_address, port);
        }

        public sealed class OnlyV4 : OnlyListener
        {
            public OnlyV4() : base(LONEV4) { }
        }

        public sealed class OnlyV6 : OnlyListener
        {
            public OnlyV6() : base(LONEV6) { }
        }

        public static class Servers
        {
            public static FamilyListener[] Both(int port) => [new V4Listener(port), new V6Listener(port)];
        }
        """;
}
