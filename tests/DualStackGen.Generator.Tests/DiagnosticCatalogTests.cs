extern alias GeneratorAssembly;

using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using GeneratorAssembly::DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Tests;

public sealed class DiagnosticCatalogTests
{
    public static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);

    private static IEnumerable<string> AllIds() =>
        typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (string)field.GetRawConstantValue()!);

    [Fact]
    public void Every_id_has_exactly_one_descriptor()
    {
        Assert.Equal(AllIds().Order(), AllDescriptors().Select(descriptor => descriptor.Id).Order());
    }

    [Fact]
    public void Help_links_point_at_the_rule_page()
    {
        Assert.All(AllDescriptors(), descriptor => Assert.EndsWith("/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri));
    }

    [Fact]
    public void Generator_diagnostics_are_errors_and_analyzer_severities_follow_the_catalog()
    {
        string[] infoRules = ["DSG0006", "DSG0007", "DSG0008"];

        // DSG0112 and DSG0113 only withhold the optional hosting glue; the server itself is still generated.
        string[] generatorWarnings = ["DSG0112", "DSG0113"];
        Assert.All(AllDescriptors(), descriptor =>
        {
            DiagnosticSeverity expected = generatorWarnings.Contains(descriptor.Id) ? DiagnosticSeverity.Warning
                : descriptor.Id.StartsWith("DSG01", System.StringComparison.Ordinal)
                ? DiagnosticSeverity.Error
                : infoRules.Contains(descriptor.Id) ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning;
            Assert.Equal(expected, descriptor.DefaultSeverity);
        });
    }
}
