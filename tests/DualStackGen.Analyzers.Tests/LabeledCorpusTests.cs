using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Analyzers.Tests;

/// <summary>
/// The labeled corpus (LabeledCorpus/): server code in the shapes real servers use, each expected diagnostic marked on its
/// line with <c>// expect: DSGxxxx</c>. All nine rules run over it as one compilation (values cross files), and the
/// precision and recall per rule and overall are printed and held to 95 % and 90 %. The test-project files must be
/// silent as test code (IsTestProject, or an xunit reference) and report their <c>// expect-when-analyzed:</c> marks
/// once <c>dualstackgen_analyze_test_code = true</c>.
/// </summary>
public sealed partial class LabeledCorpusTests
{
    private const double MinimumPrecision = 0.95;
    private const double MinimumRecall = 0.90;

    private readonly ITestOutputHelper _output;

    public LabeledCorpusTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task The_production_corpus_meets_the_precision_and_recall_bar()
    {
        (Compilation compilation, List<Label> expected) = Load("Production", "expect", withTestFramework: false);
        Assert.True(expected.Count >= 50, $"The corpus has only {expected.Count} marks.");
        List<Label> reported = await AnalyzeAsync(compilation, new Dictionary<string, string>());
        Score score = Report("production code", expected, reported);
        Assert.True(score.Precision >= MinimumPrecision && score.Recall >= MinimumRecall,
            $"Precision {score.Precision:P1} (at least {MinimumPrecision:P0}), recall {score.Recall:P1} (at least {MinimumRecall:P0}).\n{score.Misses}");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Test_code_is_silent(bool isTestProject, bool withTestFramework)
    {
        (Compilation compilation, List<Label> marked) = Load("TestProject", "expect-when-analyzed", withTestFramework);
        Assert.NotEmpty(marked);
        var options = new Dictionary<string, string>();
        if (isTestProject)
        {
            options["build_property.IsTestProject"] = "true";
        }

        List<Label> reported = await AnalyzeAsync(compilation, options);
        Assert.True(reported.Count == 0, "Test code was analyzed:\n" + string.Join("\n", reported));
    }

    [Fact]
    public async Task Test_code_is_analyzed_when_the_configuration_asks_for_it()
    {
        (Compilation compilation, List<Label> expected) = Load("TestProject", "expect-when-analyzed", withTestFramework: true);
        var options = new Dictionary<string, string> { ["build_property.IsTestProject"] = "true", ["dualstackgen_analyze_test_code"] = "true" };
        List<Label> reported = await AnalyzeAsync(compilation, options);
        Score score = Report("test code with dualstackgen_analyze_test_code = true", expected, reported);
        Assert.True(score.Precision == 1 && score.Recall == 1, score.Misses);
    }

    // Realistic/ was written against the analyzers by someone other than their author, in the shapes of socket-server,
    // MQTT, FTP, DNS, HTTP, game and discovery code: the same bar holds there.
    [Fact]
    public async Task The_realistic_corpus_meets_the_precision_and_recall_bar()
    {
        (Compilation compilation, List<Label> expected) = Load("Realistic/Production", "expect", withTestFramework: false, OutputKind.ConsoleApplication);
        Assert.True(expected.Count >= 30, $"The realistic corpus has only {expected.Count} marks.");
        List<Label> reported = await AnalyzeAsync(compilation, new Dictionary<string, string>());
        Score score = Report("realistic production code", expected, reported);
        Assert.True(score.Precision >= MinimumPrecision && score.Recall >= MinimumRecall,
            $"Precision {score.Precision:P1} (at least {MinimumPrecision:P0}), recall {score.Recall:P1} (at least {MinimumRecall:P0}).\n{score.Misses}");
    }

    // HeldOut/Listening was written before its author read the listening-side analyzers (DSG0001, 0002, 0003, 0005,
    // 0006, 0009), in the shapes of socket-server frameworks, async server base classes, MQTT, FTP, DNS, HTTP,
    // WebSocket, game, discovery and UDP receiver code, with every rule's defects marked: the same bar holds there.
    [Fact]
    public async Task The_held_out_listening_corpus_meets_the_precision_and_recall_bar()
    {
        (Compilation compilation, List<Label> expected) = Load("HeldOut/Listening", "expect", withTestFramework: false, OutputKind.ConsoleApplication);
        Assert.True(expected.Count >= 30, $"The held-out listening corpus has only {expected.Count} marks.");
        List<Label> reported = await AnalyzeAsync(compilation, new Dictionary<string, string>());
        Score score = Report("held-out listening code", expected, reported);
        Assert.True(score.Precision >= MinimumPrecision && score.Recall >= MinimumRecall,
            $"Precision {score.Precision:P1} (at least {MinimumPrecision:P0}), recall {score.Recall:P1} (at least {MinimumRecall:P0}).\n{score.Misses}");
    }

    // HeldOut/Peers was written before reading the peer, text and DNS rules' implementation, in the shapes servers use for
    // peers' addresses, host:port text and name resolution, with every rule's expected diagnostics marked. The table shows
    // all nine rules; the bar holds for the three it was written to measure (DSG0004, DSG0007, DSG0008), as the listening
    // rules are held to theirs by their own held-out corpus.
    [Fact]
    public async Task The_held_out_peers_corpus_meets_the_precision_and_recall_bar()
    {
        (Compilation compilation, List<Label> expected) = Load("HeldOut/Peers", "expect", withTestFramework: false);
        List<Label> reported = await AnalyzeAsync(compilation, new Dictionary<string, string>());
        Report("held-out peers code, all rules", expected, reported);
        string[] peerRules = ["DSG0004", "DSG0007", "DSG0008"];
        expected = expected.Where(label => peerRules.Contains(label.Id)).ToList();
        Assert.True(expected.Count >= 30, $"The held-out peers corpus has only {expected.Count} marks of the peer rules.");
        Score score = Report("held-out peers code, DSG0004, DSG0007 and DSG0008", expected, reported.Where(label => peerRules.Contains(label.Id)).ToList());
        Assert.True(score.Precision >= MinimumPrecision && score.Recall >= MinimumRecall,
            $"Precision {score.Precision:P1} (at least {MinimumPrecision:P0}), recall {score.Recall:P1} (at least {MinimumRecall:P0}).\n{score.Misses}");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Realistic_test_code_is_silent_and_analyzed_on_request(bool isTestProject, bool withTestFramework)
    {
        (Compilation compilation, List<Label> expected) = Load("Realistic/TestProject", "expect-when-analyzed", withTestFramework);
        var options = new Dictionary<string, string>();
        if (isTestProject)
        {
            options["build_property.IsTestProject"] = "true";
        }

        List<Label> reported = await AnalyzeAsync(compilation, options);
        Assert.True(reported.Count == 0, "Test code was analyzed:\n" + string.Join("\n", reported));
        options["dualstackgen_analyze_test_code"] = "true";
        Score score = Report("realistic test code with dualstackgen_analyze_test_code = true", expected, await AnalyzeAsync(compilation, options));
        Assert.True(score.Precision == 1 && score.Recall == 1, score.Misses);
    }

    [GeneratedRegex(@"//\s*(?<kind>expect(-when-analyzed)?):\s*(?<ids>DSG\d{4}(\s*,\s*DSG\d{4})*)")]
    private static partial Regex MarkPattern();

    private static (Compilation Compilation, List<Label> Expected) Load(string folder, string markKind, bool withTestFramework, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        string root = RepositoryPaths.Combine("tests", "DualStackGen.Analyzers.Tests", "LabeledCorpus", folder);
        var trees = new List<SyntaxTree>();
        var expected = new List<Label>();
        foreach (string path in Directory.EnumerateFiles(root, "*.cs").Order(StringComparer.Ordinal))
        {
            string text = File.ReadAllText(path);
            if (!withTestFramework && text.Contains("using Xunit;", StringComparison.Ordinal))
            {
                continue;
            }

            trees.Add(CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path));
            string[] lines = text.Split('\n');
            for (int line = 0; line < lines.Length; line++)
            {
                Match mark = MarkPattern().Match(lines[line]);
                if (mark.Success && mark.Groups["kind"].Value == markKind)
                {
                    foreach (string id in mark.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries))
                    {
                        expected.Add(new Label(Path.GetFileName(path), line + 1, id));
                    }
                }
            }
        }

        IEnumerable<MetadataReference> references = TestReferences.Framework.AddRange(TestReferences.Runtime);
        if (withTestFramework)
        {
            references = references.Concat(TestReferences.Xunit);
        }

        Compilation compilation = CSharpCompilation.Create(
            "LabeledCorpus" + folder.Replace('/', '.'),
            trees,
            references,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The labeled corpus does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        return (compilation, expected);
    }

    private static async Task<List<Label>> AnalyzeAsync(Compilation compilation, Dictionary<string, string> options)
    {
        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new DictionaryConfigOptions(options));
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(DualStackAnalyzers.All, analyzerOptions).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id.StartsWith("DSG", StringComparison.Ordinal))
            .Select(d => new Label(Path.GetFileName(d.Location.SourceTree!.FilePath), d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    private Score Report(string what, List<Label> expected, List<Label> reported)
    {
        var misses = new StringBuilder();
        var table = new StringBuilder();
        table.AppendLine($"Labeled corpus, {what}:");
        table.AppendLine("rule     expected reported  TP  FP  FN  precision  recall");
        int allTp = 0, allFp = 0, allFn = 0;
        foreach (string id in expected.Select(l => l.Id).Concat(reported.Select(l => l.Id)).Distinct().Order(StringComparer.Ordinal))
        {
            var open = expected.Where(l => l.Id == id).Select(l => l.Key).ToList();
            int tp = 0, fp = 0;
            foreach (Label label in reported.Where(l => l.Id == id))
            {
                if (open.Remove(label.Key))
                {
                    tp++;
                }
                else
                {
                    fp++;
                    misses.AppendLine($"unexpected: {label}");
                }
            }

            foreach (string key in open)
            {
                misses.AppendLine($"missed: {key}");
            }

            int fn = open.Count;
            allTp += tp;
            allFp += fp;
            allFn += fn;
            table.AppendLine($"{id}  {tp + fn,8} {tp + fp,8} {tp,3} {fp,3} {fn,3}  {Ratio(tp, tp + fp),9:P1}  {Ratio(tp, tp + fn),6:P1}");
        }

        var score = new Score(Ratio(allTp, allTp + allFp), Ratio(allTp, allTp + allFn), misses.ToString());
        table.AppendLine($"overall  {allTp + allFn,8} {allTp + allFp,8} {allTp,3} {allFp,3} {allFn,3}  {score.Precision,9:P1}  {score.Recall,6:P1}");
        _output.WriteLine(table.ToString());
        _output.WriteLine(score.Misses);
        return score;
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private sealed record Label(string File, int Line, string Id, string Message = "")
    {
        public string Key => $"{Id} {File}:{Line}";

        public override string ToString() => $"{Key} {Message}";
    }

    private sealed record Score(double Precision, double Recall, string Misses);
}
