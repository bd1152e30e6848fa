using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Generator.Common;

/// <summary>
/// A source location as plain values: a <see cref="Location"/> holds its syntax tree, which would keep the whole
/// compilation alive in the incremental cache and never compare equal across edits.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is { IsInSource: true, SourceTree: not null }
            ? new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
