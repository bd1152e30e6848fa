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

        Register(context, tcpServers, hostingAvailable, TrackingNames.TcpServerDiagnostics, TrackingNames.TcpHostingDiagnostics, TrackingNames.TcpServerSpecs);
        Register(context, udpServers, hostingAvailable, TrackingNames.UdpServerDiagnostics, TrackingNames.UdpHostingDiagnostics, TrackingNames.UdpServerSpecs);
    }

    /// <summary>
    /// Whether the project can host services (it references Microsoft.Extensions.Hosting.Abstractions, directly or
    /// through a package): only then do servers implement IHostedService and get an <c>Add&lt;Name&gt;</c> method.
    /// </summary>
    internal static bool IsHostingAvailable(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostedService") is not null
        && compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection") is not null
        && compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration") is not null;

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

    private static void Register(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ServerParseResult> servers,
        IncrementalValueProvider<bool> hostingAvailable,
        string diagnosticsStep,
        string hostingDiagnosticsStep,
        string specsStep)
    {
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = servers
            .Select(static (server, _) => server.Diagnostics)
            .Where(static found => found.Count > 0)
            .WithTrackingName(diagnosticsStep);
        context.RegisterSourceOutput(diagnostics, static (output, found) => Report(output, found));

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> hostingDiagnostics = servers
            .Select(static (server, _) => server.HostingDiagnostics)
            .WithTrackingName(hostingDiagnosticsStep)
            .Where(static found => found.Count > 0);
        context.RegisterSourceOutput(hostingDiagnostics.Combine(hostingAvailable), static (output, found) =>
        {
            if (found.Right)
            {
                Report(output, found.Left);
            }
        });

        IncrementalValuesProvider<ServerSpec> specs = servers
            .Select(static (server, _) => server.Spec!)
            .Where(static spec => spec is not null)
            .WithTrackingName(specsStep);
        context.RegisterSourceOutput(specs.Combine(hostingAvailable), static (output, server) =>
        {
            (ServerSpec spec, bool withHosting) = server;
            output.AddSource(spec.Hierarchy.MetadataName + ".g.cs", Emitter.Emit(spec, withHosting));
            if (withHosting && spec.Hosting.CanRegister)
            {
                output.AddSource(spec.Hierarchy.MetadataName + ".Hosting.g.cs", HostingEmitter.Emit(spec));
            }
        });
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> found)
    {
        foreach (DiagnosticInfo diagnostic in found)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
