using DualStackGen.Generator.Tests.Support;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>The generated code for representative servers, compared with the checked-in <c>*.verified.cs</c> files.</summary>
public sealed class ServerSnapshotTests
{
    [Fact]
    public void Tcp_server_with_a_value_task_handler()
    {
        Snapshot.Verify(Generate("Samples.EchoServer.g.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            [TcpServer("::", 8080, Mode = ListenMode.DualStack, Backlog = 128, MaxConcurrentConnections = 100)]
            public partial class EchoServer
            {
                private async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
                    => await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
            }
            """));
    }

    [Fact]
    public void Tcp_server_with_a_task_handler()
    {
        Snapshot.Verify(Generate("Samples.GreetingServer.g.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            [TcpServer("localhost", 0)]
            internal partial class GreetingServer
            {
                protected Task OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
                    => connection.Stream.WriteAsync(new byte[] { 104, 105 }, cancellationToken).AsTask();
            }
            """));
    }

    [Fact]
    public void Udp_server()
    {
        Snapshot.Verify(Generate("Samples.UdpEcho.g.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            [UdpServer("*", 8081, Mode = ListenMode.SeparateSockets, MaxDatagramSize = 1500)]
            public partial class UdpEcho
            {
                private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken)
                    => datagram.ReplyAsync(datagram.Payload, cancellationToken);
            }
            """));
    }

    [Fact]
    public void Static_task_handler()
    {
        Snapshot.Verify(Generate("Samples.Discard.g.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            [TcpServer("0.0.0.0", 9, Mode = ListenMode.IPv4Only)]
            public partial class Discard
            {
                private static Task OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
                    => connection.Stream.CopyToAsync(System.IO.Stream.Null, cancellationToken);
            }
            """));
    }

    [Fact]
    public void Static_value_task_udp_handler()
    {
        Snapshot.Verify(Generate("Samples.Sink.g.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            [UdpServer("::1", 0)]
            public partial class Sink
            {
                private static ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
            }
            """));
    }

    [Fact]
    public void Nested_in_partial_types()
    {
        Snapshot.Verify(Generate("Samples.Outer.Middle.NestedServer.g.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples
            {
                public static partial class Outer
                {
                    internal partial record struct Middle
                    {
                        [TcpServer("::", 7000)]
                        public sealed partial class NestedServer
                        {
                            private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
                        }
                    }
                }
            }
            """));
    }

    [Fact]
    public void Types_and_namespaces_named_like_keywords()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples.@event
            {
                public partial class @class
                {
                    [TcpServer("::", 7000)]
                    public partial class @struct
                    {
                        private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
                    }
                }
            }
            """).AssertGeneratorDidNotThrow();
        Assert.Empty(run.CompilationDiagnostics);
        string generated = Assert.Single(run.Single.GeneratedSources).SourceText.ToString();
        Assert.Contains("namespace Samples.@event", generated, System.StringComparison.Ordinal);
        Assert.Contains("partial class @class", generated, System.StringComparison.Ordinal);
        Assert.Contains("partial class @struct : global::System.IAsyncDisposable", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Global_namespace()
    {
        Snapshot.Verify(Generate("GlobalServer.g.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            [TcpServer("", 7001)]
            partial class GlobalServer
            {
                ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """));
    }

    [Fact]
    public void Class_with_its_own_constructor()
    {
        Snapshot.Verify(Generate("Samples.CountingServer.g.cs", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            [TcpServer("::", 7002)]
            public partial class CountingServer
            {
                private readonly Action<string> _report;

                public CountingServer(Action<string> report) => _report = report;

                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
                {
                    _report(connection.RemoteEndPoint.ToString());
                    return default;
                }
            }
            """));
    }

    [Fact]
    public void Record_class()
    {
        Snapshot.Verify(Generate("Samples.RecordServer.g.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            [UdpServer("localhost", 7003)]
            public sealed partial record RecordServer(string Greeting)
            {
                private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
            }
            """));
    }

    private static string Generate(string hintName, string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source).AssertGeneratorDidNotThrow();
        Assert.Empty(run.CompilationDiagnostics);
        return run.Generated(hintName);
    }
}
