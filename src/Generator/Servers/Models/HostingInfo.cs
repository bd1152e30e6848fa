using DualStackGen.Generator.Common;

namespace DualStackGen.Generator.Servers.Models;

/// <summary>
/// What the generic-host glue (<c>Add&lt;Name&gt;</c>) needs; used only when the compilation references
/// Microsoft.Extensions.Hosting.Abstractions.
/// </summary>
/// <param name="Accessibility">"public" or "internal": the server's effective accessibility; <see langword="null"/> when a namespace-level class cannot see it (private or protected nesting, a file-local type).</param>
/// <param name="FullTypeName">The class's name with <c>global::</c> and its namespace and containing types.</param>
/// <param name="ExtensionsClassName">The static class holding the registration method, unique per server class.</param>
/// <param name="ConstructorArguments">What the factory passes to the chosen constructor, in order; <see langword="null"/> when no glue is generated (DSG0112, DSG0113, an abstract class).</param>
/// <param name="CanAddDispose">Whether the class declares or inherits no <c>Dispose</c> and no <c>IDisposable</c>, so the generated half may add them.</param>
internal sealed record HostingInfo(
    string? Accessibility,
    string FullTypeName,
    string ExtensionsClassName,
    EquatableArray<ConstructorArgumentInfo>? ConstructorArguments,
    bool CanAddDispose)
{
    /// <summary>What a server holds when the compilation does not reference hosting: nothing of it is emitted.</summary>
    public static readonly HostingInfo Unused = new(null, string.Empty, string.Empty, null, CanAddDispose: false);

    public bool CanRegister => Accessibility is not null && ConstructorArguments is not null;
}
