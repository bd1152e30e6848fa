using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Servers.Models;

/// <summary>A server that would get an <c>Add&lt;Name&gt;</c> registration, as the cross-server clash check needs it.</summary>
/// <param name="Namespace">The containing namespace, empty for the global one: extension classes live there.</param>
/// <param name="Name">The simple name: the method's and configuration section's.</param>
/// <param name="ExtensionsClassName">The static class holding the method.</param>
/// <param name="DisplayName">The name in a message.</param>
/// <param name="FullTypeName">The identity of the server (<c>global::</c>-qualified).</param>
/// <param name="Location">The class's name, where DSG0113 is reported.</param>
internal sealed record HostingCandidate(
    string Namespace,
    string Name,
    string ExtensionsClassName,
    string DisplayName,
    string FullTypeName,
    Location? Location);
