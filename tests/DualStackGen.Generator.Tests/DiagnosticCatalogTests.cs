extern alias GeneratorAssembly;

using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using GeneratorAssembly::DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Tests;

public sealed class DiagnosticCatalogTests
{
    // The descriptors are internal: the test sees them through InternalsVisibleTo, and reflection must ask for them.
    public static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);

    public static TheoryData<string> AllIdsData() => new(AllIds().Order());

    private static IEnumerable<string> AllIds() =>
        typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (string)field.GetRawConstantValue()!);

    [Fact]
    public void Every_id_has_exactly_one_descriptor()
    {
        Assert.Equal(27, AllIds().Count());
        Assert.Equal(AllIds().Order(), AllDescriptors().Select(descriptor => descriptor.Id).Order());
    }

    [Theory]
    [MemberData(nameof(AllIdsData))]
    public void The_rule_has_a_page_a_help_link_to_it_a_description_and_a_message_that_says_more_than_its_arguments(string id)
    {
        DiagnosticDescriptor descriptor = AllDescriptors().Single(candidate => candidate.Id == id);

        string page = Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith($"# {id}: {descriptor.Title.ToString(CultureInfo.InvariantCulture)}\n", File.ReadAllText(page).Replace("\r\n", "\n", System.StringComparison.Ordinal), System.StringComparison.Ordinal);
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);

        string description = descriptor.Description.ToString(CultureInfo.InvariantCulture);
        Assert.False(string.IsNullOrWhiteSpace(description), $"{id} has no description.");
        Assert.EndsWith(".", description, System.StringComparison.Ordinal);

        // What is left once every placeholder is taken out is what the message says of its own; "{0}" alone says nothing.
        string format = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
        string ownWords = Regex.Replace(format, @"\{\d+\}", string.Empty).Trim();
        Assert.True(ownWords.Length >= 15, $"{id}: the message '{format}' is little more than its placeholders.");
    }

    public static TheoryData<string> GeneratorIdsData() => new(AllIds().Where(id => id.StartsWith("DSG01", System.StringComparison.Ordinal)).Order());

    [Theory]
    [MemberData(nameof(GeneratorIdsData))]
    public void The_generator_rule_page_shows_a_message_of_the_current_format(string id)
    {
        DiagnosticDescriptor descriptor = AllDescriptors().Single(candidate => candidate.Id == id);
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md")).Replace("\r\n", "\n", System.StringComparison.Ordinal);

        Match shown = Regex.Match(page, "The message reads[^\n]*:\n\n```text\n" + id + ": (?<message>[^\n]+)\n```");
        Assert.True(shown.Success, $"{id}.md does not show the message.");

        string format = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
        string pattern = "^" + string.Join(".+", Regex.Split(format, @"\{\d+\}").Select(Regex.Escape)) + "$";
        Assert.Matches(pattern, shown.Groups["message"].Value);
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

    [Fact]
    public void The_release_file_lists_every_rule_with_the_descriptors_category_and_severity()
    {
        // The build checks this too (RS2000-RS2008); here a mismatch is named rule by rule.
        Dictionary<string, string> released = File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "Generator", "AnalyzerReleases.Unshipped.md"))
            .Where(line => line.StartsWith("DSG", System.StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToDictionary(cells => cells[0], cells => cells[1] + " | " + cells[2]);
        Assert.Equal(
            AllDescriptors().OrderBy(descriptor => descriptor.Id).Select(descriptor => $"{descriptor.Id}: {descriptor.Category} | {descriptor.DefaultSeverity}"),
            released.OrderBy(entry => entry.Key).Select(entry => $"{entry.Key}: {entry.Value}"));
    }

    private static string RepositoryRoot([CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", ".."));
}
