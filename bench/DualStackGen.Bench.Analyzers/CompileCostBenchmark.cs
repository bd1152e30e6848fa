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
    public static CompileCost Run(int files, int socketFilePercent, int rounds, Action<string> log)
    {
        ImmutableArray<SyntaxTree> trees = SyntheticProject.Files(files, socketFilePercent)
            .Select(file => AnalyzerSet.Parse(file.Source, file.Path))
            .ToImmutableArray();
        CSharpCompilation compilation = AnalyzerSet.Compile("Bench.Project", trees);
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length != 0)
        {
            throw new InvalidOperationException("The generated project does not compile: " + string.Join("; ", errors.Take(5)));
        }

        ImmutableArray<DiagnosticAnalyzer> analyzers = AnalyzerSet.All;
        log($"compile cost: {files} files, {socketFilePercent} % with socket code, {analyzers.Length} analyzers, 1 warm-up + {rounds} rounds");
        _ = AnalyzerSet.Analyze(compilation, analyzers);

        var compileTimes = new List<double>();
        var analyzerTimes = new List<double>();
        var analyzedWallTimes = new List<double>();
        var driverWallTimes = new List<double>();
        ImmutableArray<DiagnosticAnalyzer> driverOnly = [new DriverBaselineAnalyzer()];
        _ = AnalyzerSet.Analyze(compilation, driverOnly);
        var perRule = analyzers.ToDictionary(AnalyzerSet.RuleOf, _ => new List<double>(), StringComparer.Ordinal);
        int reported = 0;
        for (int round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            _ = compilation.Clone().GetDiagnostics();
            compileTimes.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            _ = AnalyzerSet.Analyze(compilation, driverOnly);
            driverWallTimes.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            AnalysisResult result = AnalyzerSet.Analyze(compilation, analyzers);
            analyzedWallTimes.Add(watch.Elapsed.TotalMilliseconds);
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
            log($"  round {round + 1}: compile {compileTimes[^1]:0} ms, analyzers {total:0} ms, analysis wall {analyzedWallTimes[^1]:0} ms against the driver alone {driverWallTimes[^1]:0} ms");
        }

        return new CompileCost(
            files,
            socketFilePercent,
            rounds,
            reported,
            Median(compileTimes),
            Median(analyzerTimes),
            Median(analyzedWallTimes),
            Median(analyzedWallTimes.Zip(driverWallTimes, (analyzed, driver) => analyzed - driver).ToList()),
            perRule.ToDictionary(pair => pair.Key, pair => Median(pair.Value), StringComparer.Ordinal));
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

/// <summary>Medians over the rounds: the compiler's time without analyzers, the analyzers' summed callback time, per rule, and the analysis's wall time beyond the driver's own (paired per round).</summary>
internal sealed record CompileCost(
    int Files,
    int SocketFilePercent,
    int Rounds,
    int Reported,
    double CompileMilliseconds,
    double AnalyzerMilliseconds,
    double AnalyzedWallMilliseconds,
    double AddedOverDriverMilliseconds,
    IReadOnlyDictionary<string, double> RuleMilliseconds)
{
    public double Share => AnalyzerMilliseconds / CompileMilliseconds;

    public double AddedShare => AddedOverDriverMilliseconds / CompileMilliseconds;
}
