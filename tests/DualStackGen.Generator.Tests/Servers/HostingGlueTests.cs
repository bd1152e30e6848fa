using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>
/// What the generator adds when the project references Microsoft.Extensions.Hosting: IHostedService on the server and
/// an <c>Add&lt;Name&gt;</c> method with a factory that calls the chosen constructor. Every case also compiles the output.
/// The server file itself is not snapshotted again: it equals the one without hosting but for the interface (tested below).
/// </summary>
public sealed class HostingGlueTests
{
    private const string EchoServerSource = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;
        using Microsoft.Extensions.Logging;

        namespace Samples;

        public interface IGreeting
        {
            string Text { get; }
        }

        [TcpServer("::", 8080, Mode = ListenMode.DualStack)]
        public partial class EchoServer
        {
            public EchoServer(IGreeting greeting, ILogger<EchoServer>? logger = null, int retries = 3, string? note = null)
            {
            }

            private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
        }
        """;

    private const string UdpEchoSource = """
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        namespace Samples;

        [UdpServer("*", 8081, MaxDatagramSize = 1500)]
        internal partial class UdpEcho
        {
            private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken)
                => datagram.ReplyAsync(datagram.Payload, cancellationToken);
        }
        """;

    [Fact]
    public void Tcp_server_with_hosting()
    {
        GeneratorRun run = Generate(EchoServerSource);
        Snapshot.Verify(run.Generated("Samples.EchoServer.g.cs"), caseName: "Tcp_server_with_hosting");
        Snapshot.Verify(run.Generated("Samples.EchoServer.Hosting.g.cs"), caseName: "Tcp_server_with_hosting.Hosting");
    }

    [Fact]
    public void Udp_server_with_hosting()
    {
        GeneratorRun run = Generate(UdpEchoSource);
        Assert.Contains("partial class UdpEcho : global::System.IAsyncDisposable, global::Microsoft.Extensions.Hosting.IHostedService, global::System.IDisposable", run.Generated("Samples.UdpEcho.g.cs"), StringComparison.Ordinal);
        Snapshot.Verify(run.Generated("Samples.UdpEcho.Hosting.g.cs"), caseName: "Udp_server_with_hosting.Hosting");
    }

    [Theory]
    [InlineData(EchoServerSource, "Samples.EchoServer.g.cs")]
    [InlineData(UdpEchoSource, "Samples.UdpEcho.g.cs")]
    public void Without_hosting_the_server_is_the_same_but_for_IHostedService_and_Dispose_and_names_no_hosting_type(string source, string hintName)
    {
        GeneratorRun withHosting = Generate(source);
        GeneratorRun withoutHosting = GeneratorHarness.Run(source.Replace("using Microsoft.Extensions.Logging;", string.Empty, StringComparison.Ordinal)
            .Replace("ILogger<EchoServer>?", "object?", StringComparison.Ordinal)).AssertGeneratorDidNotThrow();

        Assert.Empty(withoutHosting.CompilationDiagnostics);
        string generated = Assert.Single(withoutHosting.Single.GeneratedSources).SourceText.ToString();
        string hostedWithoutItsAdditions = withHosting.Generated(hintName)
            .Replace(", global::Microsoft.Extensions.Hosting.IHostedService, global::System.IDisposable", string.Empty, StringComparison.Ordinal);
        int dispose = hostedWithoutItsAdditions.IndexOf("\n\n        /// <summary>\n        /// Stops the server without waiting", StringComparison.Ordinal);
        Assert.True(dispose > 0);
        Assert.Equal(generated, hostedWithoutItsAdditions.Remove(dispose, hostedWithoutItsAdditions.IndexOf("\n    }\n", dispose, StringComparison.Ordinal) - dispose));
        Assert.DoesNotContain("Microsoft.Extensions.Hosting", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.Extensions.DependencyInjection", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.Extensions.Configuration", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void The_glue_compiles_against_the_abstractions_alone_as_a_library_referencing_only_Hosting_Abstractions_sees_them()
    {
        string[] abstractions =
        [
            "Microsoft.Extensions.Hosting.Abstractions.dll",
            "Microsoft.Extensions.DependencyInjection.Abstractions.dll",
            "Microsoft.Extensions.Configuration.Abstractions.dll",
            "Microsoft.Extensions.Diagnostics.Abstractions.dll",
            "Microsoft.Extensions.FileProviders.Abstractions.dll",
            "Microsoft.Extensions.Primitives.dll",
        ];
        ImmutableArray<MetadataReference> references =
        [
            .. GeneratorHarness.References,
            .. abstractions.Select(name => MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, name))),
        ];

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(OutputKind.DynamicallyLinkedLibrary, references, UdpEchoSource))
            .AssertGeneratorDidNotThrow();

        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("AddUdpEcho(", run.Generated("Samples.UdpEcho.Hosting.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_constructor_marked_ActivatorUtilitiesConstructor_wins_over_a_longer_one()
    {
        string hosting = Hosting("""
            [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor]
            public Server(System.IServiceProvider services) { }

            public Server(System.TimeProvider clock, System.IServiceProvider services) { }
            """);

        Assert.Contains("services: global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::System.IServiceProvider>(provider));", hosting, StringComparison.Ordinal);
        Assert.DoesNotContain("clock:", hosting, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_mark_the_constructor_with_the_most_parameters_is_called_and_private_ones_are_ignored()
    {
        string hosting = Hosting("""
            public Server() { }

            internal Server(System.TimeProvider clock) { }

            private Server(System.TimeProvider clock, System.IServiceProvider services) { }
            """);

        Assert.Contains("clock: global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::System.TimeProvider>(provider));", hosting, StringComparison.Ordinal);
        Assert.DoesNotContain("services:", hosting.Split("provider => Create", StringSplitOptions.None)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_parameters_with_a_null_default_come_from_GetService_and_others_keep_their_default()
    {
        string hosting = Hosting("""
            public Server(System.TimeProvider @class, string? note = null, string label = "x", int retries = 3, System.IServiceProvider services = null!) { }
            """);

        Assert.Contains("@class: global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::System.TimeProvider>(provider),", hosting, StringComparison.Ordinal);
        Assert.Contains("note: global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<string>(provider),", hosting, StringComparison.Ordinal);
        Assert.Contains("services: global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<global::System.IServiceProvider>(provider)!);", hosting, StringComparison.Ordinal);
        Assert.DoesNotContain("label:", hosting, StringComparison.Ordinal);
        Assert.DoesNotContain("retries:", hosting, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_server_is_registered_under_its_simple_name_with_its_effective_accessibility()
    {
        GeneratorRun run = Generate("""
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            internal static partial class Outer
            {
                [TcpServer("::", 7000)]
                public partial class Inner
                {
                    private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
                }
            }
            """);

        string hosting = run.Generated("Samples.Outer.Inner.Hosting.g.cs");
        Assert.Contains("internal static class OuterInnerServiceCollectionExtensions", hosting, StringComparison.Ordinal);
        Assert.Contains(" AddInner(this ", hosting, StringComparison.Ordinal);
        Assert.Contains("configuration.GetSection(\"Inner\")", hosting, StringComparison.Ordinal);
        Assert.Contains("typeof(global::Samples.Outer.Inner)", hosting, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("private")]
    [InlineData("protected")]
    [InlineData("private protected")]
    public void A_server_a_namespace_level_class_cannot_see_gets_no_glue_and_no_diagnostic(string accessibility)
    {
        GeneratorRun run = Generate($$"""
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            public partial class Outer
            {
                [TcpServer("::", 7000)]
                {{accessibility}} partial class Hidden
                {
                    private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
                }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal("Samples.Outer.Hidden.g.cs", Assert.Single(run.Single.GeneratedSources).HintName);
    }

    [Fact]
    public void An_obsolete_constructor_is_passed_over_for_one_that_is_not()
    {
        string hosting = Hosting("""
            [System.Obsolete("use the other one")]
            public Server(System.TimeProvider clock, System.IServiceProvider services) { }

            public Server(System.IServiceProvider services) { }
            """);

        Assert.DoesNotContain("clock:", hosting, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constructor_marked_SetsRequiredMembers_may_serve_a_class_with_required_members()
    {
        string hosting = Hosting("""
            [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
            public Server(System.TimeProvider clock) => Clock = clock;

            public required System.TimeProvider Clock { get; init; }
            """);

        Assert.Contains("clock: ", hosting, StringComparison.Ordinal);
    }

    [Fact]
    public void An_in_parameter_gets_its_value_and_an_optional_value_type_keeps_its_default()
    {
        string hosting = Hosting("""
            public Server(in System.TimeProvider clock, int? retries = null, System.DateTime start = default) { }
            """);

        Assert.Contains("clock: global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::System.TimeProvider>(provider));", hosting, StringComparison.Ordinal);
        Assert.DoesNotContain("retries:", hosting, StringComparison.Ordinal);
        Assert.DoesNotContain("start:", hosting, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public void Dispose() { }", "")]
    [InlineData("void System.IDisposable.Dispose() { }", " : System.IDisposable")]
    [InlineData("", " : ProtectedBase")]
    public void A_class_with_its_own_Dispose_keeps_it_and_gets_no_generated_one(string member, string baseList)
    {
        GeneratorRun run = GenerateWithDisposeMembers(member, baseList);

        string server = run.Generated("Samples.Server.g.cs");
        Assert.DoesNotContain("IDisposable", server, StringComparison.Ordinal);
        Assert.DoesNotContain("void Dispose()", server, StringComparison.Ordinal);
        Assert.Contains("AddServer(", run.Generated("Samples.Server.Hosting.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("protected virtual void Dispose(bool disposing) { }", "")]
    [InlineData("protected override void Dispose(bool disposing) { }", " : VirtualBase")]
    [InlineData("", " : VirtualBase")]
    [InlineData("", " : PlainBase")]
    [InlineData("private void Dispose<T>() { }", " : PrivateBase")]
    public void A_Dispose_overload_or_an_invisible_inherited_Dispose_leaves_room_for_the_generated_one(string member, string baseList)
    {
        string server = GenerateWithDisposeMembers(member, baseList).Generated("Samples.Server.g.cs");

        Assert.Contains(", global::System.IDisposable", server, StringComparison.Ordinal);
        Assert.Contains("public void Dispose() => ", server, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("params string[] tags")]
    [InlineData("params System.ReadOnlySpan<int> tags")]
    public void A_params_parameter_is_left_out_for_CSharp_to_pass_an_empty_collection(string parameter)
    {
        string hosting = Hosting($$"""
            public Server(System.TimeProvider clock, {{parameter}}) { }
            """);

        Assert.Contains("clock: global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::System.TimeProvider>(provider));", hosting, StringComparison.Ordinal);
        Assert.DoesNotContain("tags:", hosting, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_user_type_named_var_next_to_the_server_does_not_break_the_generated_code(bool withHosting)
    {
        string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            public partial class @var
            {
            }

            [TcpServer("::", 7000)]
            public partial class Server
            {
                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }

            [UdpServer("::", 7001)]
            public partial class Receiver
            {
                private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
            }
            """;

        GeneratorRun run = (withHosting ? GeneratorHarness.RunWithHosting(source) : GeneratorHarness.Run(source)).AssertGeneratorDidNotThrow();

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(withHosting ? 4 : 2, run.Single.GeneratedSources.Length);
    }

    [Fact]
    public void Same_named_types_of_a_referenced_assembly_are_no_clash()
    {
        MetadataReference library = GeneratorHarness.CreateCompilation(OutputKind.DynamicallyLinkedLibrary, GeneratorHarness.HostingReferences, """
            namespace Samples;

            public static class ServerServiceCollectionExtensions { }

            public partial class Outer
            {
                [DualStackGen.TcpServer("::", 7001)]
                public partial class Server { }
            }
            """).WithAssemblyName("Library").ToMetadataReference();

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(OutputKind.DynamicallyLinkedLibrary, [.. GeneratorHarness.HostingReferences, library], """
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            [TcpServer("::", 7000)]
            public partial class Server
            {
                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """)).AssertGeneratorDidNotThrow();

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains(" AddServer(this ", run.Generated("Samples.Server.Hosting.g.cs"), StringComparison.Ordinal);
    }

    private static GeneratorRun GenerateWithDisposeMembers(string member, string baseList) => Generate($$"""
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        namespace Samples;

        public class ProtectedBase
        {
            protected void Dispose() { }
        }

        public class VirtualBase
        {
            protected virtual void Dispose(bool disposing) { }
        }

        public class PlainBase
        {
            public void Dispose(int timeoutSeconds) { }
        }

        public class PrivateBase
        {
            private void Dispose() { }
        }

        [TcpServer("::", 7000)]
        public partial class Server{{baseList}}
        {
            {{member}}

            private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
        }
        """);

    private static string Hosting(string constructors)
    {
        GeneratorRun run = Generate($$"""
            using System.Threading;
            using System.Threading.Tasks;
            using DualStackGen;

            namespace Samples;

            [TcpServer("::", 7000)]
            public partial class Server
            {
                {{constructors}}

                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """);
        return run.Generated("Samples.Server.Hosting.g.cs");
    }

    private static GeneratorRun Generate(string source)
    {
        GeneratorRun run = GeneratorHarness.RunWithHosting(source).AssertGeneratorDidNotThrow();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        return run;
    }
}
