using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DualStackGen.Bench.Analyzers;

/// <summary>The command line: the project's size and mix, rounds, method lengths, the per-measurement budget.</summary>
internal sealed record BenchOptions(int Files, int SocketPercent, int Rounds, int Warmups, IReadOnlyList<int> Sizes, double BudgetSeconds, string? Only, bool WriteReadme, string CommandLine)
{
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(1000, 20, 3, 2, [250, 500, 1000, 2000], 30, null, false, "dotnet run -c Release --project bench/DualStackGen.Bench.Analyzers" + (args.Length == 0 ? string.Empty : " --" + string.Concat(args.Select(a => " " + a))));
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--files" when int.TryParse(value, CultureInfo.InvariantCulture, out int files) && files > 0:
                    options = options with { Files = files };
                    i++;
                    break;
                case "--socket-percent" when int.TryParse(value, CultureInfo.InvariantCulture, out int percent) && percent is >= 0 and <= 100:
                    options = options with { SocketPercent = percent };
                    i++;
                    break;
                case "--rounds" when int.TryParse(value, CultureInfo.InvariantCulture, out int rounds) && rounds > 0:
                    options = options with { Rounds = rounds };
                    i++;
                    break;
                case "--warmup" when int.TryParse(value, CultureInfo.InvariantCulture, out int warmups) && warmups >= 1:
                    options = options with { Warmups = warmups };
                    i++;
                    break;
                case "--sizes" when value is not null && value.Split(',').All(s => int.TryParse(s, CultureInfo.InvariantCulture, out int n) && n > 0):
                    options = options with { Sizes = value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() };
                    i++;
                    break;
                case "--budget" when double.TryParse(value, CultureInfo.InvariantCulture, out double budget) && budget > 0:
                    options = options with { BudgetSeconds = budget };
                    i++;
                    break;
                case "--only" when value is "compile" or "scaling":
                    options = options with { Only = value };
                    i++;
                    break;
                case "--write-readme":
                    options = options with { WriteReadme = true };
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
