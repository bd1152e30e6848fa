using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Bench.Analyzers;

/// <summary>
/// Each rule's time on one long method of every shape, at growing lengths. A rule that turns cubic would run for hours at
/// 2 000 statements and cannot be stopped from inside (analyzer callbacks need not check cancellation), so each rule runs
/// in a child process that is killed once a measurement exceeds the budget; the rest of that shape is then "over budget".
/// </summary>
internal static class RuleScalingBenchmark
{
    public const string ChildCommand = "--scaling-child";

    /// <summary>Past this, a pattern's longer methods are not measured: the rule has missed its target many times over already.</summary>
    public const double GiveUpMilliseconds = 1000;

    private const string NotRun = "not-run";

    private const string Ready = "ready";

    private static readonly TimeSpan StartUpTimeout = TimeSpan.FromMinutes(3);

    public static IReadOnlyList<ScalingCell> Run(IReadOnlyList<int> sizes, TimeSpan budget, Action<string> log)
    {
        var cells = new List<ScalingCell>();
        string self = Environment.ProcessPath ?? "dotnet";
        string assembly = typeof(RuleScalingBenchmark).Assembly.Location;
        foreach (string rule in AnalyzerSet.All.Select(AnalyzerSet.RuleOf))
        {
            int nextShape = 0;
            while (nextShape < MethodShape.All.Count)
            {
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
                if (!self.EndsWith("DualStackGen.Bench.Analyzers", StringComparison.Ordinal) && !self.EndsWith("DualStackGen.Bench.Analyzers.exe", StringComparison.Ordinal))
                {
                    start.ArgumentList.Add(assembly);
                }

                foreach (string argument in new[] { ChildCommand, rule, nextShape.ToString(CultureInfo.InvariantCulture), string.Join(',', sizes) })
                {
                    start.ArgumentList.Add(argument);
                }

                using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the scaling child");

                // Start-up and JIT are not the rule's cost: the budget starts once the child has warmed up and says so.
                Task<string?> ready = child.StandardOutput.ReadLineAsync();
                if (!ready.Wait(StartUpTimeout) || ready.Result != Ready)
                {
                    child.Kill(entireProcessTree: true);
                    throw new InvalidOperationException($"the scaling child for {rule} did not start within {StartUpTimeout.TotalSeconds:0} s");
                }

                int shape = nextShape;
                int sizeIndex = 0;
                while (true)
                {
                    Task<string?> line = child.StandardOutput.ReadLineAsync();
                    if (!line.Wait(budget))
                    {
                        child.Kill(entireProcessTree: true);
                        child.WaitForExit();
                        log($"  {rule} {MethodShape.All[shape].Name}: over the {budget.TotalSeconds:0} s budget at {sizes[sizeIndex]} statements");
                        for (; sizeIndex < sizes.Count; sizeIndex++)
                        {
                            cells.Add(new ScalingCell(rule, MethodShape.All[shape].Name, sizes[sizeIndex], null, Invariant($"over {budget.TotalSeconds:0} s")));
                        }

                        nextShape = shape + 1;
                        break;
                    }

                    if (line.Result is not { } text)
                    {
                        child.WaitForExit();
                        if (child.ExitCode != 0 || shape != MethodShape.All.Count)
                        {
                            throw new InvalidOperationException($"the scaling child for {rule} ended early (exit code {child.ExitCode})");
                        }

                        nextShape = shape;
                        break;
                    }

                    string expected = string.Create(CultureInfo.InvariantCulture, $"{MethodShape.All[shape].Name} {sizes[sizeIndex]} ");
                    if (!text.StartsWith(expected, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"expected '{expected}...' from the scaling child, got '{text}'");
                    }

                    string measured = text[expected.Length..];
                    cells.Add(measured == NotRun
                        ? new ScalingCell(rule, MethodShape.All[shape].Name, sizes[sizeIndex], null, "not run")
                        : new ScalingCell(rule, MethodShape.All[shape].Name, sizes[sizeIndex], double.Parse(measured, CultureInfo.InvariantCulture)));
                    if (++sizeIndex == sizes.Count)
                    {
                        shape++;
                        sizeIndex = 0;
                    }
                }
            }

            log($"  {rule}: {string.Join(", ", sizes.Select(size => $"{size} -> {WorstCell(cells, rule, size)}"))}");
        }

        return cells;
    }

    /// <summary>The child's side: one rule over the shapes from <paramref name="firstShape"/>, one line per measurement.</summary>
    public static int RunChild(string rule, int firstShape, IReadOnlyList<int> sizes)
    {
        DiagnosticAnalyzer analyzer = AnalyzerSet.All.Single(a => AnalyzerSet.RuleOf(a) == rule);
        ImmutableArray<DiagnosticAnalyzer> analyzers = [analyzer];
        _ = Measure(MethodShape.All[firstShape], 30, analyzers);
        Console.WriteLine(Ready);
        Console.Out.Flush();
        foreach (MethodShape shape in MethodShape.All.Skip(firstShape))
        {
            _ = Measure(shape, 30, analyzers);
            bool givenUp = false;
            foreach (int size in sizes)
            {
                if (givenUp)
                {
                    Console.WriteLine(Invariant($"{shape.Name} {size} {NotRun}"));
                    continue;
                }

                double first = Measure(shape, size, analyzers);
                var times = new List<double> { first };
                // Short measurements are repeated, their median kept: a single GC pause would otherwise be the figure.
                while (first < 200 && times.Count < 5)
                {
                    times.Add(Measure(shape, size, analyzers));
                }

                double median = CompileCostBenchmark.Median(times);
                givenUp = median > GiveUpMilliseconds;
                Console.WriteLine(Invariant($"{shape.Name} {size} {median:0.0}"));
                Console.Out.Flush();
            }
        }

        return 0;
    }

    /// <summary>The rule's slowest pattern at <paramref name="size"/>, as a table cell: a time, or why there is none.</summary>
    public static string WorstCell(IEnumerable<ScalingCell> cells, string rule, int size)
    {
        var matching = cells.Where(c => c.Rule == rule && c.Statements == size).ToList();
        if (matching.FirstOrDefault(c => c.Missing is not null) is { } missing)
        {
            return missing.Missing!;
        }

        return matching.Count == 0 ? "—" : Format(matching.Max(c => c.Milliseconds!.Value));
    }

    /// <summary>The rule's slowest pattern at <paramref name="size"/>, when every pattern was measured there.</summary>
    public static double? Worst(IEnumerable<ScalingCell> cells, string rule, int size)
    {
        var matching = cells.Where(c => c.Rule == rule && c.Statements == size).ToList();
        return matching.Count == 0 || matching.Any(c => c.Milliseconds is null) ? null : matching.Max(c => c.Milliseconds);
    }

    public static string Format(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Measure(MethodShape shape, int size, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Compilation compilation = AnalyzerSet.Compile("Bench.LongMethod", [AnalyzerSet.Parse(shape.Source(size), "/bench/LongMethod.cs")]);
        AnalysisResult result = AnalyzerSet.Analyze(compilation, analyzers);
        CompileCostBenchmark.EnsureNoAnalyzerFailed(result);
        return result.AnalyzerTelemetryInfo[analyzers[0]].ExecutionTime.TotalMilliseconds;
    }
}

/// <summary>One rule's time on one method shape of <see cref="Statements"/> statements, or why there is none.</summary>
internal sealed record ScalingCell(string Rule, string Shape, int Statements, double? Milliseconds, string? Missing = null);
