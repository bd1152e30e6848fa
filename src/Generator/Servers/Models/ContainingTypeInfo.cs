namespace DualStackGen.Generator.Servers.Models;

/// <summary>One type the server class is nested in, as its partial declaration is written.</summary>
/// <param name="Keyword">"class", "struct", "interface", "record" or "record struct".</param>
/// <param name="Name">The simple name (containing types cannot be generic: DSG0102).</param>
internal sealed record ContainingTypeInfo(string Keyword, string Name);
