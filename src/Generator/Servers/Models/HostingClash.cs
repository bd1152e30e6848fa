using DualStackGen.Generator.Common;

namespace DualStackGen.Generator.Servers.Models;

/// <summary>A server whose registration is withheld because it clashes with another server's (DSG0113).</summary>
/// <param name="FullTypeName">The server, as <see cref="HostingInfo.FullTypeName"/>.</param>
/// <param name="Diagnostic">The DSG0113 reported at its name.</param>
internal sealed record HostingClash(string FullTypeName, DiagnosticInfo Diagnostic);
