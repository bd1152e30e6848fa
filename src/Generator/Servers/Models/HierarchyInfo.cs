using DualStackGen.Generator.Common;

namespace DualStackGen.Generator.Servers.Models;

/// <summary>Where the server class sits: its namespace and the types it is nested in, outermost first.</summary>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="ClassKeyword">"class", or "record" for a record class.</param>
/// <param name="ClassName">The class's simple name, also the server's name in log messages.</param>
/// <param name="MetadataName">The full name without <c>global::</c>, unique per class: the hint name's stem.</param>
internal sealed record HierarchyInfo(
    string? Namespace,
    EquatableArray<ContainingTypeInfo> ContainingTypes,
    string ClassKeyword,
    string ClassName,
    string MetadataName);
