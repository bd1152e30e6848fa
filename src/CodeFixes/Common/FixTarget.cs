using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.CodeFixes.Common;

/// <summary>
/// Where a fix acts for one diagnostic. A rule reports either at the sink (the bind, listen or creation) or at the origin
/// a person edits (<c>IPAddress.Any</c> chosen in a constructor) with the sink as its first additional location; the fix
/// finds the sink either way, and may also act at the origin.
/// </summary>
/// <param name="Diagnostic">The diagnostic being fixed.</param>
/// <param name="Document">The document holding the sink (the origin's own document when the sink is elsewhere).</param>
/// <param name="Root">The syntax root of <paramref name="Document"/>.</param>
/// <param name="Model">The semantic model of <paramref name="Document"/>.</param>
/// <param name="Span">The sink's span in <paramref name="Document"/>.</param>
/// <param name="Origin">The origin's location when the diagnostic is reported there, apart from the sink; otherwise null.</param>
internal sealed record FixTarget(Diagnostic Diagnostic, Document Document, SyntaxNode Root, SemanticModel Model, TextSpan Span, Location? Origin)
{
    /// <summary>The sink's location: the first additional location when the diagnostic is at an origin apart from it.</summary>
    public static Location SinkOf(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Count > 0 && diagnostic.AdditionalLocations[0] is { IsInSource: true } sink && sink != diagnostic.Location
            ? sink
            : diagnostic.Location;
}
