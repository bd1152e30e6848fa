using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Analyzers.Tests;

/// <summary>Every diagnostic has its page under docs/rules, and its help link points at that page.</summary>
public sealed class RulePageTests
{
    public static TheoryData<string> Ids() => new(Descriptors().Select(descriptor => descriptor.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_rule_has_a_page_naming_it_and_a_help_link_to_it(string id)
    {
        DiagnosticDescriptor descriptor = Descriptors().Single(d => d.Id == id);
        string page = RepositoryPaths.Combine("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        string text = File.ReadAllText(page);
        Assert.Contains(id, text, System.StringComparison.Ordinal);
        Assert.Contains(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), text, System.StringComparison.Ordinal);
        Assert.EndsWith("docs/rules/" + id + ".md", descriptor.HelpLinkUri, System.StringComparison.Ordinal);
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);
}
