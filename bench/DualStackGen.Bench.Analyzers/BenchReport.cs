using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Bench.Analyzers;

/// <summary>The results as the "Analyzers" section of bench/README.md: the command, what was measured, both tables, the verdicts.</summary>
internal static class BenchReport
{
    public const double ShareTarget = 0.03;
    public const double LongMethodTargetMilliseconds = 50;
    private const string Heading = "## Analyzers";

    public static string Markdown(BenchOptions options, CompileCost? cost, IReadOnlyList<ScalingCell>? scaling)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine("What the nine DSG analyzers cost a build and an IDE, measured in one invocation on this machine:");
        text.AppendLine().AppendLine("```sh").AppendLine(options.CommandLine).AppendLine("```").AppendLine();
        text.AppendLine(Invariant($"Measured {DateTime.UtcNow:yyyy-MM-dd} on {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, Roslyn {typeof(Compilation).Assembly.GetName().Version}{LoadAverage()}."));
        text.AppendLine("Both sides run single-threaded (`concurrentBuild: false`, `concurrentAnalysis: false`), so the compiler's time and the");
        text.AppendLine("analyzers' summed callback time (`AnalyzerTelemetryInfo.ExecutionTime`, `logAnalyzerExecutionTime: true`) are CPU");
        text.AppendLine("time of one core. `--write-readme` rewrites this section from the run.").AppendLine();

        if (cost is not null)
        {
            text.AppendLine(Invariant($"### Share of the compile ({cost.Files} files, {cost.SocketFilePercent} % with socket code, median of {cost.Rounds} rounds)")).AppendLine();
            text.AppendLine("The compiler's time is `Compilation.GetDiagnostics()` on the project (binding and every compiler diagnostic, no");
            text.AppendLine("emit); the analyzers' is `CompilationWithAnalyzers.GetAnalysisResultAsync` with timing on. Each run has its own");
            text.AppendLine("trees, parsed afresh from the same text as a build parses them, so no run reuses what another computed on a tree;");
            text.AppendLine("before an analysis the compilation's declarations are merged (the compiler's work, which the first rule to look");
            text.AppendLine("up a type would otherwise be charged for). One file");
            text.AppendLine("in five holds server code in the shapes real servers use (a constructor mapping host words to an address field, an");
            text.AppendLine("options class defaulting to `IPAddress.Any`, peers compared and logged as text, first DNS answers); the rest is");
            text.AppendLine("ordinary application code.").AppendLine();
            text.AppendLine("| compiler alone | DSG analyzers (summed) | share | target | DSG diagnostics reported |");
            text.AppendLine("|---:|---:|---:|---:|---:|");
            text.AppendLine(Invariant($"| {cost.CompileMilliseconds:0} ms | {cost.AnalyzerMilliseconds:0} ms | {cost.Share:0.0 %} | ≤ {ShareTarget:0 %} {(cost.Share <= ShareTarget ? "(met)" : "(missed)")} | {cost.Reported} |")).AppendLine();
            text.AppendLine(Invariant($"The rounds' analyzer times were {string.Join(", ", cost.RoundAnalyzerMilliseconds.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture)))} ms, after {cost.WarmupAnalyzerMilliseconds.Count} warm-up analyses of"));
            text.AppendLine(Invariant($"{string.Join(", ", cost.WarmupAnalyzerMilliseconds.Select(ms => ms.ToString("0", CultureInfo.InvariantCulture)))} ms. The first analysis of a process JIT-compiles the rules' code (the compiler's own code is"));
            text.AppendLine(Invariant($"precompiled): a cold command-line compile pays that once, {cost.WarmupAnalyzerMilliseconds[0] / cost.CompileMilliseconds:0.0 %} of this compile here; a compiler server or an IDE pays it once for"));
            text.AppendLine("all the builds and edits after.").AppendLine();
            text.AppendLine(Invariant($"The process runs the server GC ({(System.Runtime.GCSettings.IsServerGC ? "on" : "off, so this run does not match the compiler's hosts")}), as csc and VBCSCompiler do (`System.GC.Server` in their"));
            text.AppendLine("runtimeconfig.json). A collection pauses whatever callback is running when an allocation triggers it, whoever made the garbage:");
            text.AppendLine(Invariant($"the analysis (driver and rules) paused {cost.AnalysisGcPauseMilliseconds:0} ms per round for the GC, and a round whose rules"));
            text.AppendLine("happened to trigger a collection shows it as a round time well above the others; the median is robust to a few such rounds.");
            double rulesAllocated = cost.AnalysisAllocatedBytes - cost.DriverAllocatedBytes;
            text.AppendLine(Invariant($"The rules allocated {rulesAllocated / 1e6:0.0} MB per round beyond the driver's own {cost.DriverAllocatedBytes / 1e6:0} MB ({rulesAllocated / cost.AnalysisAllocatedBytes:0.0 %} of the"));
            text.AppendLine("analysis's allocations, `GC.GetTotalAllocatedBytes`): a collection starts in whichever allocation crosses the budget,");
            text.AppendLine("so the rules start about that share of them, and when more than half of the rounds are such rounds, the median is one.");
            text.AppendLine("Every timed run (compile, driver alone, analysis) starts after a full blocking collection, so none collects the garbage");
            text.AppendLine("of the run before it.").AppendLine();
            text.AppendLine("The summed callback time charges each rule for every body it binds itself, including bodies the analyzer driver");
            text.AppendLine("would bind anyway for any operation analyzer (the CA rules of the SDK register the same actions). What the DSG rules");
            text.AppendLine("add to a build beyond that is the analysis's wall time minus a run of the driver with one analyzer that registers");
            text.AppendLine("the same operation actions and does nothing (paired per round, so both ran under the same load):").AppendLine();
            text.AppendLine("| compiler alone | analysis, wall | the driver alone, wall | added by the DSG rules | share | target |");
            text.AppendLine("|---:|---:|---:|---:|---:|---:|");
            text.AppendLine(Invariant($"| {cost.CompileMilliseconds:0} ms | {cost.AnalyzedWallMilliseconds:0} ms | {cost.AnalyzedWallMilliseconds - cost.AddedOverDriverMilliseconds:0} ms | {cost.AddedOverDriverMilliseconds:0} ms | {cost.AddedShare:0.0 %} | ≤ {ShareTarget:0 %} {(cost.AddedShare <= ShareTarget ? "(met)" : "(missed)")} |")).AppendLine();
            if (cost.AddedOverDriverMilliseconds < 0)
            {
                text.AppendLine("The analysis ran faster than the driver alone: wall times of this machine vary by more between runs of the same");
                text.AppendLine("work than the rules cost, so this row says nothing this time, and its \"met\" is noise, not a result.").AppendLine();
            }

            text.AppendLine("| rule | time on the project | share of the compile |");
            text.AppendLine("|---|---:|---:|");
            foreach ((string rule, double milliseconds) in cost.RuleMilliseconds.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                text.AppendLine(Invariant($"| {rule} | {milliseconds:0.0} ms | {milliseconds / cost.CompileMilliseconds:0.00 %} |"));
            }

            text.AppendLine();
        }

        if (scaling is not null)
        {
            List<int> sizes = scaling.Select(c => c.Statements).Distinct().Order().ToList();
            List<string> rules = scaling.Select(c => c.Rule).Distinct().Order(StringComparer.Ordinal).ToList();
            int largest = sizes[^1];
            text.AppendLine("### One long method, per rule").AppendLine();
            text.AppendLine("Each rule alone on one method of N statements repeating one pattern; the figure is the rule's slowest pattern at");
            text.AppendLine("that length (median of five runs when under 200 ms). A measurement over the budget is stopped by killing the");
            text.AppendLine(Invariant($"process that runs it ({options.BudgetSeconds:0} s), and after one over {RuleScalingBenchmark.GiveUpMilliseconds / 1000:0} s the pattern's longer methods are not run (the"));
            text.AppendLine("target is missed many times over already). Patterns: " + string.Join("; ", MethodShape.All.Select(shape => $"`{shape.Name}` ({shape.Description})")) + ".");

            text.AppendLine();
            text.Append("| rule |").AppendJoin(string.Empty, sizes.Select(size => Invariant($" {size} |"))).AppendLine(Invariant($" growth {(sizes.Count > 1 ? sizes[^2] : largest)}→{largest} | slowest pattern at {largest} | ≤ {LongMethodTargetMilliseconds:0} ms at {largest} |"));
            text.Append("|---|").AppendJoin(string.Empty, sizes.Select(_ => "---:|")).AppendLine("---:|---|---|");
            foreach (string rule in rules)
            {
                double? atLargest = RuleScalingBenchmark.Worst(scaling, rule, largest);
                double? beforeLargest = sizes.Count > 1 ? RuleScalingBenchmark.Worst(scaling, rule, sizes[^2]) : null;
                string growth = atLargest is { } a && beforeLargest is { } b && b > 0 ? Invariant($"×{a / b:0.0}") : "—";
                ScalingCell? slowest = scaling.Where(c => c.Rule == rule && c.Statements == largest).OrderByDescending(c => c.Milliseconds ?? double.MaxValue).FirstOrDefault();
                text.Append(Invariant($"| {rule} |"))
                    .AppendJoin(string.Empty, sizes.Select(size => $" {RuleScalingBenchmark.WorstCell(scaling, rule, size)} |"))
                    .AppendLine(Invariant($" {growth} | {(slowest is null ? "—" : "`" + slowest.Shape + "`")} | {(atLargest is { } t && t <= LongMethodTargetMilliseconds ? "met" : "missed")} |"));
            }

            text.AppendLine();
            var missing = scaling.Where(c => c.Missing is not null).GroupBy(c => (c.Rule, c.Shape))
                .Select(g => Invariant($"{g.Key.Rule} on `{g.Key.Shape}` from {g.Min(c => c.Statements)} ({g.OrderBy(c => c.Statements).First().Missing})")).ToList();
            if (missing.Count != 0)
            {
                text.AppendLine("Not measured: " + string.Join("; ", missing) + ".").AppendLine();
            }
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Replaces the "Analyzers" section of bench/README.md (up to the next section, or the end), or appends it.</summary>
    public static string WriteReadmeSection(string section)
    {
        string path = Path.Combine(RepositoryRoot(), "bench", "README.md");
        string readme = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        int start = readme.StartsWith(Heading + "\n", StringComparison.Ordinal) ? 0 : readme.IndexOf("\n" + Heading + "\n", StringComparison.Ordinal) is var at and >= 0 ? at + 1 : -1;
        if (start < 0)
        {
            readme = readme.TrimEnd('\n') + "\n\n" + section;
        }
        else
        {
            int end = readme.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            readme = readme[..start] + section + (end < 0 ? string.Empty : readme[(end + 1)..]);
        }

        File.WriteAllText(path, readme.TrimEnd('\n') + "\n");
        return path;
    }

    private static string RepositoryRoot()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "DualStackGen.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("DualStackGen.sln not found above " + Environment.CurrentDirectory);
    }

    // Other work on the machine stretches both sides alike, so shares hold up better than times; the load says how much.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? ", load average " + string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " at the end of the run" : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
