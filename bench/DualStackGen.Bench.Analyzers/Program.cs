using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DualStackGen.Bench.Analyzers;

// The DSG analyzers' cost, as a build and an IDE pay it: (a) their time on a generated 1 000-file project as a share
// of the compiler's own time on it, (b) each rule's time on one long method of every pattern the rules inspect, at
// growing lengths, to show how it grows. Both are run in this invocation; nothing is compared with stored numbers.
if (args.Length > 0 && args[0] == RuleScalingBenchmark.ChildCommand)
{
    return RuleScalingBenchmark.RunChild(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList());
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: DualStackGen.Bench.Analyzers [--files N] [--socket-percent P] [--rounds R] [--warmup W] [--sizes 250,500,1000,2000] [--budget SECONDS] [--only compile|scaling] [--write-readme]");
    return 2;
}

void Log(string line) => Console.Error.WriteLine(line);

CompileCost? cost = options.Only is null or "compile" ? CompileCostBenchmark.Run(options.Files, options.SocketPercent, options.Rounds, options.Warmups, Log) : null;
IReadOnlyList<ScalingCell>? scaling = options.Only is null or "scaling" ? RuleScalingBenchmark.Run(options.Sizes, TimeSpan.FromSeconds(options.BudgetSeconds), Log) : null;

string report = BenchReport.Markdown(options, cost, scaling);
Console.WriteLine(report);
if (options.WriteReadme)
{
    string readme = BenchReport.WriteReadmeSection(report);
    Log("wrote the Analyzers section of " + readme);
}

return 0;
