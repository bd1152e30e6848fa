using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Bench.Analyzers;

/// <summary>The DSG analyzers' time on a whole generated project, against the compiler's own time on the same project.</summary>
internal static class CompileCostBenchmark
{
    public static CompileCost Run(int files, int socketFilePercent, int rounds, int warmups, Action<string> log)
    {
        ImmutableArray<(string Path, string Source)> sources = SyntheticProject.Files(files, socketFilePercent);

        // Every measured run gets trees parsed afresh from the same text, as a build has: a tree keeps what was computed
        // on it (its red nodes, and what the rules cache per tree and per declaration), so a run on trees an earlier run
        // walked would measure a second pass that no build makes. Parsing is outside the timed part.
        CSharpCompilation Fresh() => AnalyzerSet.Compile("Bench.Project", sources.Select(file => AnalyzerSet.Parse(file.Source, file.Path)).ToImmutableArray());

        // The first symbol lookup in a compilation merges the declarations of all its trees (about 50 ms here), work every
        // compile does with or without analyzers (the compiler's own time includes it). Done before a timed analysis, so
        // that the rule whose compilation-start action looks a type up first is not charged for the compiler's work; the
        // analysis copies share it. Both analysis runs of a round are prepared alike.
        CSharpCompilation Declared()
        {
            CSharpCompilation fresh = Fresh();
            _ = fresh.GlobalNamespace;
            return fresh;
        }

        CSharpCompilation compilation = Fresh();
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length != 0)
        {
            throw new InvalidOperationException("The generated project does not compile: " + string.Join("; ", errors.Take(5)));
        }

        ImmutableArray<DiagnosticAnalyzer> analyzers = AnalyzerSet.All;
        log($"compile cost: {files} files, {socketFilePercent} % with socket code, {analyzers.Length} analyzers, {warmups} warm-up + {rounds} rounds");

        // The first analysis of the process JIT-compiles the rules' code (the compiler's own is precompiled): a build
        // server or an IDE pays that once, so the rounds are measured warm and the first analysis is reported apart.
        var warmupTimes = new List<double>();
        for (int warmup = 0; warmup < warmups; warmup++)
        {
            AnalysisResult warm = AnalyzerSet.Analyze(warmup == 0 ? compilation : Declared(), analyzers);
            warmupTimes.Add(analyzers.Sum(analyzer => warm.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds));
            log($"  warm-up {warmup + 1}: analyzers {warmupTimes[^1]:0} ms");
        }

        var compileTimes = new List<double>();
        var analyzerTimes = new List<double>();
        var analyzedWallTimes = new List<double>();
        var driverWallTimes = new List<double>();
        var analysisPauses = new List<double>();
        var analysisAllocations = new List<double>();
        var driverAllocations = new List<double>();
        ImmutableArray<DiagnosticAnalyzer> driverOnly = [new DriverBaselineAnalyzer()];
        _ = AnalyzerSet.Analyze(Fresh(), driverOnly);
        var perRule = analyzers.ToDictionary(AnalyzerSet.RuleOf, _ => new List<double>(), StringComparer.Ordinal);
        int reported = 0;
        for (int round = 0; round < rounds; round++)
        {
            compilation = Fresh();
            CollectGarbage();
            var watch = Stopwatch.StartNew();
            _ = compilation.GetDiagnostics();
            compileTimes.Add(watch.Elapsed.TotalMilliseconds);

            compilation = Declared();
            CollectGarbage();
            long driverAllocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            watch.Restart();
            _ = AnalyzerSet.Analyze(compilation, driverOnly);
            driverWallTimes.Add(watch.Elapsed.TotalMilliseconds);
            long driverAllocated = GC.GetTotalAllocatedBytes(precise: true) - driverAllocatedBefore;

            compilation = Declared();
            CollectGarbage();
            TimeSpan pausedBefore = GC.GetTotalPauseDuration();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            watch.Restart();
            AnalysisResult result = AnalyzerSet.Analyze(compilation, analyzers);
            analyzedWallTimes.Add(watch.Elapsed.TotalMilliseconds);
            long analysisAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            analysisAllocations.Add(analysisAllocated);
            driverAllocations.Add(driverAllocated);
            analysisPauses.Add((GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds);
            EnsureNoAnalyzerFailed(result);
            reported = result.GetAllDiagnostics().Count(d => d.Id.StartsWith("DSG", StringComparison.Ordinal));

            double total = 0;
            foreach (DiagnosticAnalyzer analyzer in analyzers)
            {
                double milliseconds = result.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds;
                perRule[AnalyzerSet.RuleOf(analyzer)].Add(milliseconds);
                total += milliseconds;
            }

            analyzerTimes.Add(total);
            log($"  round {round + 1}: compile {compileTimes[^1]:0} ms, analyzers {total:0} ms, analysis wall {analyzedWallTimes[^1]:0} ms (GC pauses {analysisPauses[^1]:0} ms, {analysisAllocations[^1] / 1e6:0.0} MB allocated) against the driver alone {driverWallTimes[^1]:0} ms ({driverAllocations[^1] / 1e6:0.0} MB)");
        }

        return new CompileCost(
            files,
            socketFilePercent,
            rounds,
            warmupTimes,
            analyzerTimes,
            reported,
            Median(compileTimes),
            Median(analyzerTimes),
            Median(analyzedWallTimes),
            Median(analyzedWallTimes.Zip(driverWallTimes, (analyzed, driver) => analyzed - driver).ToList()),
            Median(analysisPauses),
            Median(analysisAllocations),
            Median(driverAllocations),
            perRule.ToDictionary(pair => pair.Key, pair => Median(pair.Value), StringComparer.Ordinal));
    }

    // Each timed run starts on a heap holding only what it is given, as a build's compile does: otherwise the garbage of
    // the run before it (a whole compilation) is collected during it and charged to whichever callback allocated last.
    private static void CollectGarbage()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public static void EnsureNoAnalyzerFailed(AnalysisResult result)
    {
        Diagnostic? crash = result.GetAllDiagnostics().FirstOrDefault(d => d.Id == "AD0001");
        if (crash is not null)
        {
            throw new InvalidOperationException("An analyzer threw: " + crash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>Medians over the rounds: the compiler's time without analyzers, the analyzers' summed callback time, per rule, the analysis's wall time beyond the driver's own (paired per round), the GC pauses inside the analysis, and the bytes the analysis and the driver alone allocated.</summary>
internal sealed record CompileCost(
    int Files,
    int SocketFilePercent,
    int Rounds,
    IReadOnlyList<double> WarmupAnalyzerMilliseconds,
    IReadOnlyList<double> RoundAnalyzerMilliseconds,
    int Reported,
    double CompileMilliseconds,
    double AnalyzerMilliseconds,
    double AnalyzedWallMilliseconds,
    double AddedOverDriverMilliseconds,
    double AnalysisGcPauseMilliseconds,
    double AnalysisAllocatedBytes,
    double DriverAllocatedBytes,
    IReadOnlyDictionary<string, double> RuleMilliseconds)
{
    public double Share => AnalyzerMilliseconds / CompileMilliseconds;

    public double AddedShare => AddedOverDriverMilliseconds / CompileMilliseconds;
}
