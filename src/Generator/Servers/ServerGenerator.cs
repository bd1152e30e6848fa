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

        Register(context, tcpServers, TrackingNames.TcpServerDiagnostics, TrackingNames.TcpServerSpecs);
        Register(context, udpServers, TrackingNames.UdpServerDiagnostics, TrackingNames.UdpServerSpecs);
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

    private static void Register(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ServerParseResult> servers,
        string diagnosticsStep,
        string specsStep)
    {
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = servers
            .Select(static (server, _) => server.Diagnostics)
            .Where(static found => found.Count > 0)
            .WithTrackingName(diagnosticsStep);
        context.RegisterSourceOutput(diagnostics, static (output, found) =>
        {
            foreach (DiagnosticInfo diagnostic in found)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        IncrementalValuesProvider<ServerSpec> specs = servers
            .Select(static (server, _) => server.Spec!)
            .Where(static spec => spec is not null)
            .WithTrackingName(specsStep);
        context.RegisterSourceOutput(specs, static (output, spec) =>
            output.AddSource(spec.Hierarchy.MetadataName + ".g.cs", Emitter.Emit(spec)));
    }
}
