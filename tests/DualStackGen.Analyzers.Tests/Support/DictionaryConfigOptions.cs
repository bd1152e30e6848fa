using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Analyzers.Tests.Support;

/// <summary>Build properties and .editorconfig keys as MSBuild would give them, the same for every file.</summary>
internal sealed class DictionaryConfigOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    private readonly Options _options = new(values);

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        // The generator's internal NotNullWhen polyfill is visible here and clashes with the BCL's, so the attribute cannot be written.
#pragma warning disable CS8765
        public override bool TryGetValue(string key, out string? value) => values.TryGetValue(key, out value);
#pragma warning restore CS8765
    }
}
