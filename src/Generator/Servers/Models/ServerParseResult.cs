using DualStackGen.Generator.Common;

namespace DualStackGen.Generator.Servers.Models;

/// <summary>What the parser made of one attributed class: a spec to emit, or none, and the diagnostics found.</summary>
internal sealed record ServerParseResult(ServerSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly ServerParseResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
