using DualStackGen.Generator.Common;

namespace DualStackGen.Generator.Servers.Models;

/// <summary>What the parser made of one attributed class: a spec to emit, or none, and the diagnostics found.</summary>
/// <param name="Spec">The server to emit, or <see langword="null"/>.</param>
/// <param name="Diagnostics">What is reported, hosting ones (DSG0112, DSG0113 against a user type) included when the compilation references hosting.</param>
/// <param name="HostingCandidate">The server's registration, checked against the other servers' (DSG0113); <see langword="null"/> when it gets none anyway.</param>
internal sealed record ServerParseResult(
    ServerSpec? Spec,
    EquatableArray<DiagnosticInfo> Diagnostics,
    HostingCandidate? HostingCandidate)
{
    public static readonly ServerParseResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty, null);
}
