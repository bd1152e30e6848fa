using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Common;

/// <summary>Where a diagnostic goes: a location in a source tree, or none (reported without a location).</summary>
internal static class SourceLocation
{
    public static Location? Of(Location? location) => location is { IsInSource: true } ? location : null;

    public static Location? Of(SyntaxNode? node) => node?.GetLocation();

    public static Location? Of(SyntaxToken token) => token.GetLocation();
}
