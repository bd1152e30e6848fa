using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using DualStackGen.Generator.Common;
using DualStackGen.Generator.Servers.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackGen.Generator.Servers;

/// <summary>
/// Completes every <c>partial</c> class marked <c>[TcpServer]</c> or <c>[UdpServer]</c> into a server that
/// dispatches to the class's handler method.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ServerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ServerParseResult> tcpServers = FindServers(context, ServerKind.Tcp, TrackingNames.TcpServerClasses);
        IncrementalValuesProvider<ServerParseResult> udpServers = FindServers(context, ServerKind.Udp, TrackingNames.UdpServerClasses);

        // Runs on every compilation, so it only looks three names up; the bool it yields keeps everything after it cached.
        IncrementalValueProvider<bool> hostingAvailable = context.CompilationProvider
            .Select(static (compilation, _) => IsHostingAvailable(compilation))
            .WithTrackingName(TrackingNames.HostingAvailability);

        ReportDiagnostics(context, tcpServers, TrackingNames.TcpServerDiagnostics);
        ReportDiagnostics(context, udpServers, TrackingNames.UdpServerDiagnostics);

        // The servers that would register, collected: two that would get the same Add<Name> are found in one pass over
        // them, and only with hosting referenced, instead of each server walking its namespace's types.
        IncrementalValueProvider<EquatableArray<HostingClash>> clashes = Candidates(tcpServers)
            .Combine(Candidates(udpServers))
            .Combine(hostingAvailable)
            .Select(static (input, _) => input.Right
                ? HostingParser.FindClashes(input.Left.Left.Concat(input.Left.Right))
                : EquatableArray<HostingClash>.Empty)
            .WithTrackingName(TrackingNames.HostingClashes);
        context.RegisterSourceOutput(clashes, static (output, found) =>
        {
            foreach (HostingClash clash in found)
            {
                output.ReportDiagnostic(clash.Diagnostic.ToDiagnostic());
            }
        });

        IncrementalValuesProvider<ServerSpec> tcpSpecs = Specs(tcpServers, TrackingNames.TcpServerSpecs);
        IncrementalValuesProvider<ServerSpec> udpSpecs = Specs(udpServers, TrackingNames.UdpServerSpecs);
        IncrementalValueProvider<(EquatableArray<string> Tagged, EquatableArray<string> Duplicated)> hintCollisions = tcpSpecs.Select(static (spec, _) => spec.Hierarchy).Collect()
            .Combine(udpSpecs.Select(static (spec, _) => spec.Hierarchy).Collect())
            .Select(static (input, _) => HintNames.FindCollisions(input.Left.Concat(input.Right)))
            .WithTrackingName(TrackingNames.HintNameCollisions);

        // Only the clashing servers' names go into the plan: it stays equal, and every output cached, when a clash's
        // location moves.
        IncrementalValueProvider<OutputPlan> plan = hostingAvailable
            .Combine(clashes)
            .Combine(hintCollisions)
            .Select(static (input, _) => new OutputPlan(
                input.Left.Left,
                input.Left.Right.Select(clash => clash.FullTypeName).ToEquatableArray(),
                input.Right.Tagged,
                input.Right.Duplicated))
            .WithTrackingName(TrackingNames.OutputPlan);

        RegisterOutput(context, tcpSpecs, plan);
        RegisterOutput(context, udpSpecs, plan);
    }

    /// <summary>
    /// Whether the project can host services (it references Microsoft.Extensions.Hosting.Abstractions, directly or
    /// through a package): only then do servers implement IHostedService and get an <c>Add&lt;Name&gt;</c> method.
    /// </summary>
    internal static bool IsHostingAvailable(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostedService") is not null
        && compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection") is not null
        && compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration") is not null;

    /// <summary>
    /// <see cref="IsHostingAvailable"/> once per compilation for the parser, which runs once per server: each lookup
    /// searches every referenced assembly.
    /// </summary>
    internal static class HostingAvailability
    {
        private static readonly ConditionalWeakTable<Compilation, object> Known = new();
        private static readonly object Yes = true;
        private static readonly object No = false;

        public static bool Of(Compilation compilation) =>
            (bool)Known.GetValue(compilation, static compilation => IsHostingAvailable(compilation) ? Yes : No);
    }

    private static IncrementalValuesProvider<ServerParseResult> FindServers(
        IncrementalGeneratorInitializationContext context,
        ServerKind kind,
        string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ServerShape.Of(kind).AttributeName,
                static (node, _) => IsClassDeclaration(node),
                (attributed, cancellationToken) => Parser.Parse(attributed, kind, cancellationToken))
            .WithTrackingName(trackingName);

    // A record class is a class too (AttributeTargets.Class admits it); a record struct is not.
    internal static bool IsClassDeclaration(SyntaxNode node) =>
        node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword };

    private static IncrementalValueProvider<ImmutableArray<HostingCandidate>> Candidates(IncrementalValuesProvider<ServerParseResult> servers) =>
        servers
            .Select(static (server, _) => server.Spec is null ? null : server.HostingCandidate)
            .Where(static candidate => candidate is not null)
            .Select(static (candidate, _) => candidate!)
            .Collect();

    private static IncrementalValuesProvider<ServerSpec> Specs(IncrementalValuesProvider<ServerParseResult> servers, string trackingName) =>
        servers
            .Select(static (server, _) => server.Spec!)
            .Where(static spec => spec is not null)
            .WithTrackingName(trackingName);

    // Diagnostics travel on a branch of their own: they hold real locations (so that #pragma and [SuppressMessage]
    // apply), which the specs the sources are made from must not, to stay equal across edits.
    private static void ReportDiagnostics(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ServerParseResult> servers,
        string diagnosticsStep)
    {
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = servers
            .Select(static (server, _) => server.Diagnostics)
            .Where(static found => found.Count > 0)
            .WithTrackingName(diagnosticsStep);
        context.RegisterSourceOutput(diagnostics, static (output, found) => Report(output, found));
    }

    private static void RegisterOutput(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ServerSpec> specs, IncrementalValueProvider<OutputPlan> plan) =>
        context.RegisterSourceOutput(specs.Combine(plan), static (output, server) =>
        {
            (ServerSpec spec, OutputPlan outputPlan) = server;
            if (OutputPlan.Contains(outputPlan.DuplicatedServers, HintNames.Identity(spec.Hierarchy)))
            {
                return;
            }

            string stem = HintNames.Stem(spec.Hierarchy, outputPlan);
            output.AddSource(stem + ".g.cs", Emitter.Emit(spec, outputPlan.WithHosting));
            if (outputPlan.Registers(spec))
            {
                output.AddSource(stem + ".Hosting.g.cs", HostingEmitter.Emit(spec));
            }
        });

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> found)
    {
        foreach (DiagnosticInfo diagnostic in found)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
