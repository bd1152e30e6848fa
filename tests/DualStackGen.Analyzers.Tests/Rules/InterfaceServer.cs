namespace DualStackGen.Analyzers.Tests.Rules;

/// <summary>
/// A server reached through its interface: the implementation creates the listener from the endpoint its interface
/// method is given, so what the interface's callers pass is what it binds. Shared by the rules that follow an endpoint
/// from its caller (DSG0003, DSG0006).
/// </summary>
internal static class InterfaceServer
{
    public const string Source = """

        public interface IViewerServer
        {
            void Start(IPEndPoint endPoint);
        }

        public sealed class ViewerServer : IViewerServer
        {
            private TcpListener? _listener;

            public void Start(IPEndPoint endPoint)
            {
                _listener = new TcpListener(endPoint);
                _listener.Start();
            }
        }
        """;
}
