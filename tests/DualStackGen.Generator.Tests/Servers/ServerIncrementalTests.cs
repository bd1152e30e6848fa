extern alias GeneratorAssembly;

using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using GeneratorAssembly::DualStackGen.Generator.Servers;
using GeneratorAssembly::DualStackGen.Generator.Servers.Models;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackGen.Generator.Tests.Servers;

/// <summary>The pipeline's caching: edits that do not touch a server must not re-run its emission.</summary>
public sealed class ServerIncrementalTests
{
    private const string TcpServerSource = """
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        namespace Samples;

        [TcpServer("::", 8080, Mode = ListenMode.DualStack)]
        public partial class EchoServer
        {
            private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
        }
        """;

    private const string UdpServerSource = """
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        namespace Samples;

        [UdpServer("::", 8081)]
        public partial class UdpEcho
        {
            private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
        }
        """;

    private const string BrokenServerSource = """
        using DualStackGen;

        namespace Samples;

        [TcpServer("::", 70000)]
        public partial class BrokenTcp
        {
        }

        [UdpServer("::", 1, MaxDatagramSize = 0)]
        public partial class BrokenUdp
        {
        }
        """;

    private const string NoHostingConstructorSource = """
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        namespace Samples;

        [TcpServer("::", 8082)]
        public partial class TwoConstructors
        {
            public TwoConstructors(int a) { }

            public TwoConstructors(string b) { }

            private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
        }

        [UdpServer("::", 8083)]
        public partial class ValueTypeParameterUdp
        {
            public ValueTypeParameterUdp(int port) { }

            private ValueTask OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => default;
        }
        """;

    private static readonly IncrementalStepRunReason[] CachedOrUnchanged = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_unrelated_edit_leaves_every_step_cached_and_emits_nothing_new(bool withHosting)
    {
        string[] sources = [TcpServerSource, UdpServerSource, BrokenServerSource, NoHostingConstructorSource];
        CSharpCompilation compilation = withHosting ? GeneratorHarness.CreateHostingCompilation(sources) : GeneratorHarness.CreateCompilation(sources);
        GeneratorDriver driver = GeneratorHarness.Run(compilation).AssertGeneratorDidNotThrow().Driver;

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("// a comment\nnamespace Samples; internal sealed class Unrelated { }", GeneratorHarness.ParseOptions, path: "/user/Unrelated.cs"));
        GeneratorRunResult rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Null(rerun.Exception);
        string[] trackingNames = AllTrackingNames();
        Assert.All(trackingNames, name => Assert.True(rerun.TrackedSteps.ContainsKey(name), $"Step {name} did not run."));
        Assert.All(
            rerun.TrackedSteps.Where(step => trackingNames.Contains(step.Key)).SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Contains(output.Reason, CachedOrUnchanged));
        Assert.All(
            rerun.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Contains(output.Reason, CachedOrUnchanged));
    }

    [Fact]
    public void Changing_one_port_re_emits_only_that_server()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TcpServerSource, UdpServerSource);
        GeneratorDriver driver = GeneratorHarness.Run(compilation).AssertGeneratorDidNotThrow().Driver;
        string udpBefore = GeneratedText(driver, "Samples.UdpEcho.g.cs");

        SyntaxTree tcpTree = compilation.SyntaxTrees.First();
        SyntaxTree changedTree = tcpTree.WithChangedText(tcpTree.GetText().Replace(TcpServerSource.IndexOf("8080", System.StringComparison.Ordinal), 4, "9090"));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tcpTree, changedTree));
        GeneratorRunResult rerun = driver.GetRunResult().Results.Single();

        Assert.Contains("Port = 9090,", GeneratedText(driver, "Samples.EchoServer.g.cs"), System.StringComparison.Ordinal);
        Assert.Equal(udpBefore, GeneratedText(driver, "Samples.UdpEcho.g.cs"));

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(SpecOutputs(rerun, TrackingNames.TcpServerSpecs)).Reason);
        Assert.Contains(Assert.Single(SpecOutputs(rerun, TrackingNames.UdpServerSpecs)).Reason, CachedOrUnchanged);

        var sourceOutputs = rerun.TrackedOutputSteps.SelectMany(step => step.Value)
            .Select(step => (Spec: EmittedSpec(InputValue(step)), Reasons: step.Outputs.Select(output => output.Reason).ToArray()))
            .Where(step => step.Spec is not null)
            .ToArray();
        Assert.All(
            sourceOutputs.Where(step => step.Spec!.Hierarchy.ClassName == "UdpEcho").SelectMany(step => step.Reasons),
            reason => Assert.Contains(reason, CachedOrUnchanged));
        Assert.Contains(
            sourceOutputs.Where(step => step.Spec!.Hierarchy.ClassName == "EchoServer").SelectMany(step => step.Reasons),
            reason => reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adding_a_server_leaves_the_plan_unchanged_and_re_emits_no_other_server(bool withHosting)
    {
        CSharpCompilation compilation = withHosting
            ? GeneratorHarness.CreateHostingCompilation(TcpServerSource, UdpServerSource)
            : GeneratorHarness.CreateCompilation(TcpServerSource, UdpServerSource);
        GeneratorDriver driver = GeneratorHarness.Run(compilation).AssertGeneratorDidNotThrow().Driver;

        CSharpCompilation added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            TcpServerSource.Replace("EchoServer", "ThirdServer", System.StringComparison.Ordinal).Replace("8080", "8090", System.StringComparison.Ordinal),
            GeneratorHarness.ParseOptions,
            path: "/user/Third.cs"));
        GeneratorRunResult rerun = driver.RunGenerators(added).GetRunResult().Results.Single();

        Assert.Null(rerun.Exception);
        Assert.Contains(Assert.Single(SpecOutputs(rerun, TrackingNames.OutputPlan)).Reason, CachedOrUnchanged);
        var sourceOutputs = rerun.TrackedOutputSteps.SelectMany(step => step.Value)
            .Select(step => (Spec: EmittedSpec(InputValue(step)), Reasons: step.Outputs.Select(output => output.Reason).ToArray()))
            .Where(step => step.Spec is not null)
            .ToArray();
        Assert.All(
            sourceOutputs.Where(step => step.Spec!.Hierarchy.ClassName != "ThirdServer").SelectMany(step => step.Reasons),
            reason => Assert.Contains(reason, CachedOrUnchanged));
        Assert.Contains(
            sourceOutputs.Where(step => step.Spec!.Hierarchy.ClassName == "ThirdServer").SelectMany(step => step.Reasons),
            reason => reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Referencing_hosting_later_adds_the_glue_and_removing_it_takes_it_away()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TcpServerSource);
        GeneratorDriver driver = GeneratorHarness.Run(compilation).AssertGeneratorDidNotThrow().Driver;
        Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources);

        driver = driver.RunGenerators(compilation.WithReferences(GeneratorHarness.HostingReferences));
        Assert.Equal(
            ["Samples.EchoServer.Hosting.g.cs", "Samples.EchoServer.g.cs"],
            driver.GetRunResult().Results.Single().GeneratedSources.Select(source => source.HintName).Order(System.StringComparer.Ordinal));

        driver = driver.RunGenerators(compilation);
        Assert.Equal("Samples.EchoServer.g.cs", Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources).HintName);
    }

    [Fact]
    public void Editing_a_handler_body_re_emits_nothing()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TcpServerSource);
        GeneratorDriver driver = GeneratorHarness.Run(compilation).AssertGeneratorDidNotThrow().Driver;

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        string edited = TcpServerSource.Replace("=> default;", "=> new ValueTask(connection.Stream.FlushAsync(cancellationToken));", System.StringComparison.Ordinal);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited))));
        GeneratorRunResult rerun = driver.GetRunResult().Results.Single();

        Assert.Contains(Assert.Single(SpecOutputs(rerun, TrackingNames.TcpServerSpecs)).Reason, CachedOrUnchanged);
        Assert.All(
            rerun.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Contains(output.Reason, CachedOrUnchanged));
    }

    [Fact]
    public void Specs_compare_by_value()
    {
        ServerSpec first = ParseOnly(TcpServerSource);
        ServerSpec second = ParseOnly(TcpServerSource);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    private static ServerSpec ParseOnly(string source)
    {
        GeneratorRunResult run = GeneratorHarness.Run(source).AssertGeneratorDidNotThrow().Single;
        return (ServerSpec)run.TrackedSteps[TrackingNames.TcpServerSpecs].Single().Outputs.Single().Value;
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> SpecOutputs(GeneratorRunResult run, string trackingName) =>
        run.TrackedSteps[trackingName].SelectMany(step => step.Outputs);

    private static object? InputValue(IncrementalGeneratorRunStep step) =>
        step.Inputs.Select(input => input.Source.Outputs[input.OutputIndex].Value).FirstOrDefault();

    // The source output takes each spec combined with whether hosting is available.
    private static ServerSpec? EmittedSpec(object? input) => input switch
    {
        (ServerSpec spec, OutputPlan) => spec,
        ServerSpec spec => spec,
        _ => null,
    };

    private static string GeneratedText(GeneratorDriver driver, string hintName) =>
        driver.GetRunResult().Results.Single().GeneratedSources.Single(source => source.HintName == hintName).SourceText.ToString();

    private static string[] AllTrackingNames() =>
        [.. typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)];
}
