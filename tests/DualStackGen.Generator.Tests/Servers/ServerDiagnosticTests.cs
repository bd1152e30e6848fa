using System.Linq;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>Each generator diagnostic, asserted by id and by the exact span it underlines.</summary>
public sealed class ServerDiagnosticTests
{
    private const string TcpHandler = "private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;";

    private const string NestedServerWithOnlyAPrivateConstructor = $$"""
        public partial class A
        {
            [TcpServer("::", 1)]
            public partial class {|DSG0112:Server|}
            {
                private Server() { }

                {{TcpHandler}}
            }
        }

        """;

    [Fact]
    public void DSG0100_class_not_partial() => Verify($$"""
        [TcpServer("::", 1)]
        public class {|DSG0100:NotPartial|}
        {
            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0101_containing_type_not_partial() => Verify($$"""
        public class {|DSG0101:Outer|}
        {
            [TcpServer("::", 1)]
            public partial class Inner
            {
                {{TcpHandler}}
            }
        }
        """);

    [Fact]
    public void DSG0102_generic_class() => Verify($$"""
        [TcpServer("::", 1)]
        public partial class {|DSG0102:Generic|}<T>
        {
            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0102_generic_containing_type() => Verify($$"""
        public partial class {|DSG0102:Outer|}<T>
        {
            [TcpServer("::", 1)]
            public partial class Inner
            {
                {{TcpHandler}}
            }
        }
        """);

    [Theory]
    [InlineData("\"1.2.3\"")]
    [InlineData("\"host:80\"")]
    [InlineData("\"[::1\"")]
    [InlineData("null")]
    public void DSG0103_invalid_host(string host) => Verify($$"""
        [TcpServer({|DSG0103:{{host}}|}, 1)]
        public partial class Server
        {
            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("70000")]
    [InlineData("-1")]
    [InlineData("65536")]
    public void DSG0104_port_out_of_range(string port) => Verify($$"""
        [TcpServer("::", {|DSG0104:{{port}}|})]
        public partial class Server
        {
            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0104_on_a_named_port_argument() => Verify($$"""
        [TcpServer(port: {|DSG0104:99999|}, host: "::")]
        public partial class Server
        {
            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("0.0.0.0", "IPv6Only")]
    [InlineData("0.0.0.0", "DualStack")]
    [InlineData("::1", "IPv4Only")]
    [InlineData("127.0.0.1", "SeparateSockets")]
    public void DSG0105_host_and_mode_contradict(string host, string mode) => Verify($$"""
        [TcpServer("{{host}}", 1, Mode = {|DSG0105:ListenMode.{{mode}}|})]
        public partial class Server
        {
            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0106_handler_missing() => Verify("""
        [TcpServer("::", 1)]
        public partial class {|DSG0106:NoHandler|}
        {
            private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
        }
        """);

    [Fact]
    public void DSG0106_udp_handler_missing() => Verify($$"""
        [UdpServer("::", 1)]
        public partial class {|DSG0106:NoHandler|}
        {
            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("(TcpConnection connection)")]
    [InlineData("(UdpDatagram datagram, CancellationToken cancellationToken)")]
    [InlineData("(ref TcpConnection connection, CancellationToken cancellationToken)")]
    [InlineData("(TcpConnection connection, CancellationToken cancellationToken, int extra)")]
    public void DSG0107_handler_with_wrong_parameters(string parameters) => Verify($$"""
        [TcpServer("::", 1)]
        public partial class Server
        {
            private ValueTask OnConnectionAsync{|DSG0107:{{parameters}}|} => default;
        }
        """);

    [Theory]
    [InlineData("void", "{ }")]
    [InlineData("Task<int>", "=> Task.FromResult(1);")]
    [InlineData("ValueTask<bool>", "=> default;")]
    public void DSG0108_handler_with_wrong_return_type(string returnType, string body) => Verify($$"""
        [TcpServer("::", 1)]
        public partial class Server
        {
            private {|DSG0108:{{returnType}}|} OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) {{body}}
        }
        """);

    [Fact]
    public void DSG0109_handler_declared_twice_across_parts()
    {
        Verify(
            $$"""
            [TcpServer("::", 1)]
            public partial class Server
            {
                {{TcpHandler}}
            }
            """,
            """
            public partial class Server
            {
                private Task {|DSG0109:OnConnectionAsync|}(TcpConnection connection) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public void DSG0110_both_tcp_and_udp() => Verify($$"""
        [TcpServer("::", 1)]
        [{|DSG0110:UdpServer("::", 2)|}]
        public partial class Server
        {
            {{TcpHandler}}
            private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
        }
        """);

    [Fact]
    public void DSG0110_is_reported_at_the_second_attribute_whichever_it_is() => Verify($$"""
        [UdpServer("::", 2), {|DSG0110:TcpServer("::", 1)|}]
        public partial class Server
        {
            {{TcpHandler}}
            private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
        }
        """);

    [Theory]
    [InlineData("TcpServer", "Backlog = {|DSG0111:0|}")]
    [InlineData("TcpServer", "MaxConcurrentConnections = {|DSG0111:-1|}")]
    [InlineData("TcpServer", "Mode = {|DSG0111:(ListenMode)42|}")]
    [InlineData("UdpServer", "MaxDatagramSize = {|DSG0111:65528|}")]
    [InlineData("UdpServer", "MaxDatagramSize = {|DSG0111:0|}")]
    public void DSG0111_invalid_option(string attribute, string option) => Verify($$"""
        [{{attribute}}("::", 1, {{option}})]
        public partial class Server
        {
            {{TcpHandler}}
            private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
        }
        """);

    [Fact]
    public void Several_problems_are_all_reported_and_nothing_is_generated()
    {
        GeneratorRun run = Verify("""
            [TcpServer({|DSG0103:"a b"|}, {|DSG0104:-5|}, Backlog = {|DSG0111:-1|})]
            public class {|DSG0100:Server|}
            {
                private {|DSG0108:int|} OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => 0;
            }
            """);
        Assert.Empty(run.Single.GeneratedSources);
    }

    [Fact]
    public void A_valid_server_has_no_diagnostics_and_an_empty_host_is_accepted()
    {
        GeneratorRun run = Verify($$"""
            [TcpServer("", 0, Mode = ListenMode.DualStack)]
            public partial class Server
            {
                {{TcpHandler}}
            }
            """);
        Assert.Single(run.Single.GeneratedSources);
    }

    [Fact]
    public void DSG0112_constructors_tied_on_parameter_count() => VerifyWithHosting($$"""
        [TcpServer("::", 1)]
        public partial class {|DSG0112:Server|}
        {
            public Server(string greeting) { }

            public Server(System.IServiceProvider services) { }

            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0112_two_constructors_marked() => VerifyWithHosting($$"""
        [TcpServer("::", 1)]
        public partial class {|DSG0112:Server|}
        {
            [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor]
            public Server(string greeting) { }

            [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor]
            public Server(string greeting, int count) { }

            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0112_no_accessible_constructor() => VerifyWithHosting($$"""
        [TcpServer("::", 1)]
        public partial class {|DSG0112:Server|}
        {
            private Server() { }

            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("ref int count")]
    [InlineData("out string text")]
    [InlineData("System.Span<byte> buffer")]
    public void DSG0112_parameter_a_provider_cannot_supply(string parameter) => VerifyWithHosting($$"""
        [TcpServer("::", 1)]
        public partial class {|DSG0112:Server|}
        {
            public Server({{parameter}}) { }

            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("int retries = 3")]
    [InlineData("params string[] tags")]
    public void DSG0112_a_left_out_default_would_call_a_shorter_constructor(string leftOut) => VerifyWithHosting($$"""
        [TcpServer("::", 1)]
        public partial class {|DSG0112:Server|}
        {
            public Server(string greeting, {{leftOut}}) { }

            public Server(string greeting) { }

            {{TcpHandler}}
        }
        """);

    [Fact]
    public void An_abstract_class_gets_no_glue_and_no_diagnostic()
    {
        GeneratorRun run = VerifyWithHosting($$"""
            [TcpServer("::", 1)]
            public abstract partial class Server
            {
                {{TcpHandler}}
            }
            """);
        Assert.Equal("Server.g.cs", Assert.Single(run.Single.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("public required string Name { get; init; }", "")]
    [InlineData("public required int Count;", "")]
    [InlineData("", " : Base")]
    public void DSG0112_required_members_the_constructor_does_not_set(string member, string baseList) => VerifyWithHosting($$"""
        public class Base
        {
            public required string Inherited { get; init; }
        }

        [TcpServer("::", 1)]
        public partial class {|DSG0112:Server|}{{baseList}}
        {
            public Server(string greeting) { }

            {{member}}

            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("int count")]
    [InlineData("int? count")]
    [InlineData("in System.DateTime start")]
    public void DSG0112_required_value_type_parameter(string parameter) => VerifyWithHosting($$"""
        [TcpServer("::", 1)]
        public partial class {|DSG0112:Server|}
        {
            public Server({{parameter}}) { }

            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("[System.Obsolete]", "")]
    [InlineData("[System.Obsolete(\"gone\", error: true)]", "")]
    [InlineData("", "[System.Obsolete]")]
    [InlineData("[System.Diagnostics.CodeAnalysis.Experimental(\"X001\")]", "")]
    [InlineData("", "[System.Diagnostics.CodeAnalysis.Experimental(\"X001\")]")]
    public void DSG0112_only_obsolete_constructors_or_an_obsolete_class(string constructorAttribute, string classAttribute) => VerifyWithHosting($$"""
        [TcpServer("::", 1)]
        {{classAttribute}}
        public partial class {|DSG0112:Server|}
        {
            {{constructorAttribute}}
            public Server(string greeting) { }

            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0113_a_nested_server_and_a_top_level_one_with_the_same_extension_class_name()
    {
        GeneratorRun run = VerifyWithHosting($$"""
            public partial class Outer
            {
                [TcpServer("::", 1)]
                public partial class {|DSG0113:Inner|}
                {
                    {{TcpHandler}}
                }
            }

            [TcpServer("::", 2)]
            public partial class {|DSG0113:OuterInner|}
            {
                {{TcpHandler}}
            }
            """);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.DoesNotContain(run.Single.GeneratedSources, source => source.HintName.EndsWith(".Hosting.g.cs", System.StringComparison.Ordinal));
        Assert.Equal(
            ["'Inner' gets no AddInner method for the generic host: the server class 'OuterInner' in the same namespace would get the same extension class 'OuterInnerServiceCollectionExtensions'",
             "'OuterInner' gets no AddOuterInner method for the generic host: the server class 'Outer.Inner' in the same namespace would get the same extension class 'OuterInnerServiceCollectionExtensions'"],
            run.GeneratorDiagnostics.Select(diagnostic => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public void DSG0113_a_user_type_already_has_the_extension_class_name()
    {
        GeneratorRun run = VerifyWithHosting($$"""
            internal static class ServerServiceCollectionExtensions
            {
            }

            [TcpServer("::", 1)]
            public partial class {|DSG0113:Server|}
            {
                {{TcpHandler}}
            }
            """);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal("Server.g.cs", Assert.Single(run.Single.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("A", "B")]
    [InlineData(null, "X")]
    public void DSG0113_two_servers_with_the_same_simple_name_in_one_namespace(string? firstContainer, string secondContainer)
    {
        string first = $$"""
            [TcpServer("::", 1)]
            public partial class {|DSG0113:Server|}
            {
                {{TcpHandler}}
            }
            """;
        if (firstContainer is not null)
        {
            first = $"public partial class {firstContainer}\n{{\n{first}\n}}";
        }

        GeneratorRun run = VerifyWithHosting($$"""
            namespace Samples
            {
                {{first}}

                public partial class {{secondContainer}}
                {
                    [UdpServer("::", 2)]
                    internal partial class {|DSG0113:Server|}
                    {
                        private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
                    }
                }
            }
            """);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(2, run.Single.GeneratedSources.Length);
    }

    [Fact]
    public void DSG0113_is_not_reported_for_servers_with_the_same_name_in_different_namespaces_or_one_that_gets_no_glue() => VerifyWithHosting($$"""
        namespace First
        {
            [TcpServer("::", 1)]
            public partial class Server
            {
                {{TcpHandler}}
            }

            public partial class Outer
            {
                [TcpServer("::", 2)]
                private partial class Server
                {
                    {{TcpHandler}}
                }
            }
        }

        namespace Second
        {
            [TcpServer("::", 3)]
            public partial class Server
            {
                {{TcpHandler}}
            }
        }
        """);

    [Fact]
    public void DSG0113_does_not_count_a_server_without_a_callable_constructor_which_reports_DSG0112_instead()
    {
        GeneratorRun run = VerifyWithHosting(NestedServerWithOnlyAPrivateConstructor + $$"""
            [TcpServer("::", 2)]
            public partial class Server
            {
                {{TcpHandler}}
            }
            """);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains(" AddServer(this ", run.Generated("Server.Hosting.g.cs"), System.StringComparison.Ordinal);
        Assert.DoesNotContain(run.Single.GeneratedSources, source => source.HintName == "A.Server.Hosting.g.cs");
    }

    [Fact]
    public void DSG0112_is_reported_for_both_clashing_servers_when_neither_has_a_callable_constructor() => VerifyWithHosting(NestedServerWithOnlyAPrivateConstructor + $$"""
        [TcpServer("::", 2)]
        public partial class {|DSG0112:Server|}
        {
            public Server(int count) { }

            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0112_is_not_reported_without_hosting_and_the_server_is_still_generated()
    {
        GeneratorRun run = Verify($$"""
            [TcpServer("::", 1)]
            public partial class Server
            {
                public Server(string greeting) { }

                public Server(System.IServiceProvider services) { }

                {{TcpHandler}}
            }
            """);
        Assert.Single(run.Single.GeneratedSources);
    }

    [Fact]
    public void DSG0112_withholds_only_the_hosting_file()
    {
        GeneratorRun run = VerifyWithHosting($$"""
            [UdpServer("::", 1)]
            public partial class {|DSG0112:Server|}
            {
                internal Server(int a) { }

                internal Server(long b) { }

                private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
            }
            """);
        Assert.Equal("Server.g.cs", Assert.Single(run.Single.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("static")]
    [InlineData("file")]
    public void DSG0114_static_or_file_local_class(string modifier) => VerifyCompiles($$"""
        [TcpServer("::", 1)]
        {{modifier}} partial class {|DSG0114:Server|}
        {
            private static ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
        }
        """);

    [Fact]
    public void DSG0114_a_file_local_server_beside_a_public_one_of_the_same_name_leaves_the_public_one_generated()
    {
        GeneratorRun run = VerifyCompiles(
            $$"""
            namespace Samples;

            [TcpServer("::", 1)]
            public partial class Server
            {
                {{TcpHandler}}
            }
            """,
            $$"""
            namespace Samples;

            [TcpServer("::", 2)]
            file partial class {|DSG0114:Server|}
            {
                {{TcpHandler}}
            }
            """);
        Assert.Equal("Samples.Server.g.cs", Assert.Single(run.Single.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("public string {|DSG0115:Options|} => \"mine\";")]
    [InlineData("public bool {|DSG0115:IsRunning|};")]
    [InlineData("public Task {|DSG0115:StartAsync|}(CancellationToken cancellationToken = default) => Task.CompletedTask;")]
    [InlineData("public Task {|DSG0115:StopAsync|}() => Task.CompletedTask;")]
    [InlineData("public Task {|DSG0115:RunAsync|}(CancellationToken cancellationToken = default) => Task.CompletedTask;")]
    [InlineData("public static void {|DSG0115:RunAsync|}(string[] args) { }")]
    [InlineData("public ValueTask {|DSG0115:DisposeAsync|}() => default;")]
    [InlineData("public int {|DSG0115:LocalEndPoints|} { get; set; }")]
    [InlineData("private object? {|DSG0115:_dualStackGenRunner|};")]
    [InlineData("public sealed class {|DSG0115:Options|} { }")]
    [InlineData("public Task {|DSG0115:StopAsync|}(System.TimeSpan timeout) => Task.CompletedTask;")]
    public void DSG0115_a_member_named_like_a_generated_one(string member) => VerifyCompiles($$"""
        [TcpServer("::", 1)]
        public partial class Server
        {
            {{member}}

            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0115_a_positional_record_parameter_named_Options() => VerifyCompiles($$"""
        [TcpServer("::", 1)]
        public partial record Server(string {|DSG0115:Options|})
        {
            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("System.IO.MemoryStream")]
    [InlineData("Base")]
    public void DSG0115_a_base_class_with_a_generated_member_name(string baseType) => VerifyCompiles($$"""
        public class Base
        {
            public virtual Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            protected bool IsRunning => false;
        }

        [TcpServer("::", 1)]
        public partial class {|DSG0115:Server|} : {{baseType}}
        {
            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0115_a_base_class_with_a_private_member_of_that_name_is_fine()
    {
        GeneratorRun run = VerifyCompiles($$"""
            public class Base
            {
                private bool IsRunning => false;
            }

            [TcpServer("::", 1)]
            public partial class Server : Base
            {
                {{TcpHandler}}
            }
            """);
        Assert.Single(run.Single.GeneratedSources);
    }

    [Theory]
    [InlineData("Options")]
    [InlineData("StartAsync")]
    public void DSG0115_a_class_named_like_a_generated_member(string name) => VerifyCompiles($$"""
        [TcpServer("::", 1)]
        public partial class {|DSG0115:{{name}}|}
        {
            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp8)]
    public void DSG0116_language_version_below_9(LanguageVersion version)
    {
        var marked = DiagnosticMarkup.Parse(GeneratorHarness.HandlerUsings + """
            [TcpServer("::", 1)]
            public partial class {|DSG0116:Server|}
            {
                private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
            }
            """);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(marked.Source);
        compilation = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            compilation.SyntaxTrees.Single().WithRootAndOptions(compilation.SyntaxTrees.Single().GetRoot(), GeneratorHarness.ParseOptions.WithLanguageVersion(version)));
        GeneratorRun run = GeneratorHarness.Run(compilation).AssertGeneratorDidNotThrow();

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSG0116", diagnostic.Id);
        Assert.Equal(Assert.Single(marked.Expected).Span, diagnostic.Location.SourceSpan);
        Assert.Contains(version.ToDisplayString(), diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(run.Single.GeneratedSources);
    }

    [Theory]
    [InlineData("private {|DSG0108:ref ValueTask|} OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => ref _task;")]
    [InlineData("private {|DSG0108:Task?|} OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => null;")]
    [InlineData("private ValueTask OnConnectionAsync{|DSG0107:(TcpConnection connection, CancellationToken cancellationToken, __arglist)|} => default;")]
    [InlineData("[System.Obsolete] private ValueTask {|DSG0117:OnConnectionAsync|}(TcpConnection connection, CancellationToken cancellationToken) => default;")]
    [InlineData("[System.Diagnostics.CodeAnalysis.Experimental(\"X001\")] private ValueTask {|DSG0117:OnConnectionAsync|}(TcpConnection connection, CancellationToken cancellationToken) => default;")]
    public void Handlers_the_generated_dispatch_cannot_call_cleanly(string handler) => VerifyCompiles($$"""
        [TcpServer("::", 1)]
        public partial class Server
        {
            private static ValueTask _task;

            {{handler}}
        }
        """);

    [Fact]
    public void DSG0112_a_constructor_parameter_of_an_obsolete_type_argument() => VerifyWithHosting($$"""
        [System.Obsolete]
        public sealed class Old { }

        [TcpServer("::", 1)]
        public partial class {|DSG0112:Server|}
        {
            public Server(System.Collections.Generic.IEnumerable<Old> olds) { }

            {{TcpHandler}}
        }
        """);

    [Fact]
    public void DSG0113_two_servers_whose_names_differ_only_in_case() => VerifyWithHosting($$"""
        namespace Samples;

        [TcpServer("::", 1)]
        public partial class {|DSG0113:Server|}
        {
            {{TcpHandler}}
        }

        [TcpServer("::", 2)]
        public partial class {|DSG0113:server|}
        {
            {{TcpHandler}}
        }
        """);

    [Theory]
    [InlineData("public TcpServerAttribute(string host, params int[] ports) { }", "[TcpServer(\"::\", 1, 2)]")]
    [InlineData("public TcpServerAttribute(params object[] values) { }", "[TcpServer(\"::\", 1)]")]
    [InlineData("public TcpServerAttribute(string host, int port) { } public int[] Mode { get; set; } = [];", "[TcpServer(\"::\", 1, Mode = new[] { 1 })]")]
    public void A_source_declared_attribute_with_array_arguments_does_not_throw(string constructor, string usage)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using System.Threading;
            using System.Threading.Tasks;

            namespace DualStackGen
            {
                [System.AttributeUsage(System.AttributeTargets.Class)]
                public sealed class TcpServerAttribute : System.Attribute
                {
                    {{constructor}}
                }

                {{usage}}
                public partial class Server
                {
                    private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
                }
            }
            """).AssertGeneratorDidNotThrow();
        Assert.Empty(run.Single.GeneratedSources);
    }

    /// <summary><see cref="Verify(string[])"/>, and no compiler error anywhere: the DSG diagnostic took the place of one in a generated file.</summary>
    private static GeneratorRun VerifyCompiles(params string[] markedSources)
    {
        GeneratorRun run = Verify(markedSources);
        Assert.DoesNotContain(run.CompilationDiagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.CompilationDiagnostics, diagnostic => diagnostic.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
        return run;
    }

    private static GeneratorRun Verify(params string[] markedSources) => Verify(GeneratorHarness.Run, markedSources);

    private static GeneratorRun VerifyWithHosting(params string[] markedSources) => Verify(GeneratorHarness.RunWithHosting, markedSources);

    private static GeneratorRun Verify(System.Func<string[], GeneratorRun> run, string[] markedSources)
    {
        DiagnosticMarkup[] marked = [.. markedSources.Select(source => DiagnosticMarkup.Parse(GeneratorHarness.HandlerUsings + source))];
        GeneratorRun result = run([.. marked.Select(source => source.Source)]).AssertGeneratorDidNotThrow();

        var expected = marked
            .SelectMany((source, index) => source.Expected.Select(mark => $"{mark.Id} /user/Source{index}.cs {mark.Span}"))
            .Order()
            .ToArray();
        var actual = result.GeneratorDiagnostics
            .Select(diagnostic => $"{diagnostic.Id} {diagnostic.Location.GetLineSpan().Path} {diagnostic.Location.SourceSpan}")
            .Order()
            .ToArray();
        Assert.Equal(expected, actual);
        return result;
    }
}
