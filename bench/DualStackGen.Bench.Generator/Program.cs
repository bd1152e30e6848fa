extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using GeneratorAssembly::DualStackGen.Generator.Servers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

// The server generator's own cost, as the compiler pays it: a cold run over a project of N servers (one file each, all
// in one namespace, where the old hosting clash scan was quadratic), and the incremental run after an edit to a file
// that holds no server. Each figure is the median of several rounds, each on a fresh compilation (no semantic model
// warmed by the previous round); parsing is the compiler's and is not counted.
int rounds = args.Length > 1 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;

CSharpParseOptions parseOptions = new(LanguageVersion.Latest);
ImmutableArray<MetadataReference> plain = LoadReferences(withHosting: false);
ImmutableArray<MetadataReference> hosting = LoadReferences(withHosting: true);

// JIT and the references' symbols, once, before anything is measured.
_ = Cold(CreateCompilation(100, plain), parseOptions);
_ = Cold(CreateCompilation(100, hosting), parseOptions);

Console.WriteLine($"Server generator, median of {rounds} rounds ({RuntimeInformationText()})");
Console.WriteLine();
Console.WriteLine("| servers | hosting | cold: µs per server (thread CPU) | cold: µs per server (wall) | cold: MB allocated | unrelated edit: ms (thread CPU) | unrelated edit: ms (wall) | unrelated edit: MB allocated | floor, cold: µs per server | floor, cold: MB | floor, edit: ms |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (bool withHosting in new[] { false, true })
{
    foreach (int servers in new[] { 1, 100, 1000 })
    {
        var cold = new List<Measurement>();
        var edit = new List<Measurement>();
        var floorCold = new List<Measurement>();
        var floorEdit = new List<Measurement>();
        for (int round = 0; round < rounds; round++)
        {
            CSharpCompilation compilation = CreateCompilation(servers, withHosting ? hosting : plain);
            (Measurement first, GeneratorDriver driver) = Cold(compilation, parseOptions);
            cold.Add(first);
            edit.Add(UnrelatedEdit(driver, compilation, parseOptions));

            // The same project through a generator that only finds the attributed classes: what Roslyn's attribute
            // lookup costs by itself, the floor under any generator keyed on an attribute.
            CSharpCompilation same = CreateCompilation(servers, withHosting ? hosting : plain);
            (Measurement floorFirst, GeneratorDriver floorDriver) = Cold(same, parseOptions, floor: true);
            floorCold.Add(floorFirst);
            floorEdit.Add(UnrelatedEdit(floorDriver, same, parseOptions, floor: true));
        }

        Measurement coldMedian = Median(cold);
        Measurement editMedian = Median(edit);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {servers} | {(withHosting ? "yes" : "no")} | {coldMedian.ThreadCpu.TotalMicroseconds / servers:F0} | {coldMedian.Elapsed.TotalMicroseconds / servers:F0} | {coldMedian.AllocatedMegabytes:F1} | {editMedian.ThreadCpu.TotalMilliseconds:F1} | {editMedian.Elapsed.TotalMilliseconds:F1} | {editMedian.AllocatedMegabytes:F1} | {Median(floorCold).ThreadCpu.TotalMicroseconds / servers:F0} | {Median(floorCold).AllocatedMegabytes:F1} | {Median(floorEdit).ThreadCpu.TotalMilliseconds:F1} |"));
    }
}

static (Measurement Measurement, GeneratorDriver Driver) Cold(CSharpCompilation compilation, CSharpParseOptions parseOptions, bool floor = false)
{
    GeneratorDriver driver = CSharpGeneratorDriver.Create(
        [floor ? new AttributeLookupFloor().AsSourceGenerator() : new ServerGenerator().AsSourceGenerator()], parseOptions: parseOptions);
    Measurement measurement = Run(ref driver, compilation);
    if (!floor)
    {
        AssertGenerated(driver, compilation);
    }

    return (measurement, driver);
}

// A keystroke in a file without a server: the new compilation differs from the old by that one tree.
static Measurement UnrelatedEdit(GeneratorDriver driver, CSharpCompilation compilation, CSharpParseOptions parseOptions, bool floor = false)
{
    SyntaxTree unrelated = compilation.SyntaxTrees.Single(tree => tree.FilePath.EndsWith("Unrelated.cs", StringComparison.Ordinal));
    SourceText text = unrelated.GetText();
    SyntaxTree edited = unrelated.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "// edited\n")));
    CSharpCompilation next = compilation.ReplaceSyntaxTree(unrelated, edited);
    Measurement measurement = Run(ref driver, next);
    if (!floor)
    {
        AssertGenerated(driver, next);
    }

    return measurement;
}

static Measurement Run(ref GeneratorDriver driver, CSharpCompilation compilation)
{
    long allocated = GC.GetTotalAllocatedBytes(precise: true);
    TimeSpan cpu = ThreadCpu.Now();
    long started = Stopwatch.GetTimestamp();
    driver = driver.RunGenerators(compilation);
    TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
    return new Measurement(elapsed, ThreadCpu.Now() - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated);
}

static void AssertGenerated(GeneratorDriver driver, CSharpCompilation compilation)
{
    GeneratorRunResult result = driver.GetRunResult().Results.Single();
    int servers = compilation.SyntaxTrees.Count() - 1;
    if (result.Exception is not null || result.GeneratedSources.Length < servers || !result.Diagnostics.IsEmpty)
    {
        throw new InvalidOperationException($"the generator did not generate every server: {result.Exception?.Message ?? string.Join("; ", result.Diagnostics)}");
    }
}

static CSharpCompilation CreateCompilation(int servers, ImmutableArray<MetadataReference> references)
{
    CSharpParseOptions parseOptions = new(LanguageVersion.Latest);
    IEnumerable<SyntaxTree> trees = Enumerable.Range(0, servers)
        .Select(index => CSharpSyntaxTree.ParseText(ServerSource(index), parseOptions, path: $"/bench/Server{index}.cs"))
        .Append(CSharpSyntaxTree.ParseText("namespace Bench;\n\ninternal static class Unrelated\n{\n    public static int Value => 42;\n}\n", parseOptions, path: "/bench/Unrelated.cs"));
    CSharpCompilation compilation = CSharpCompilation.Create(
        "Bench",
        trees,
        references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    // Binding the ~200 references is the compilation's cost, paid once whichever generator or pass asks first.
    _ = compilation.SourceModule.ReferencedAssemblySymbols;
    return compilation;
}

static string ServerSource(int index) => index % 2 == 0
    ? $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        namespace Bench;

        [TcpServer("::", {{8000 + index}}, Mode = ListenMode.DualStack)]
        public partial class TcpServer{{index}}
        {
            private readonly string _greeting;

            public TcpServer{{index}}(string greeting = "hello") => _greeting = greeting;

            private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;
        }
        """
    : $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        namespace Bench;

        [UdpServer("::", {{8000 + index}})]
        internal sealed partial class UdpServer{{index}}
        {
            private static Task OnDatagramAsync(UdpDatagram datagram, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

static ImmutableArray<MetadataReference> LoadReferences(bool withHosting)
{
    string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
    IEnumerable<string> framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal));
    IEnumerable<string> local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
        .Where(path => Path.GetFileName(path) is "DualStackGen.Runtime.dll" or "Microsoft.Extensions.Logging.Abstractions.dll"
            || (withHosting && Path.GetFileName(path).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)))
        .Order(StringComparer.Ordinal);
    string[] localNames = [.. local.Select(Path.GetFileName)!];
    return [.. framework.Where(path => !localNames.Contains(Path.GetFileName(path))).Concat(local).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
}

static Measurement Median(List<Measurement> measurements)
{
    Measurement[] byTime = [.. measurements.OrderBy(measurement => measurement.ThreadCpu)];
    return byTime[byTime.Length / 2];
}

static string RuntimeInformationText() =>
    $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}";

/// <summary>A run's wall time, the CPU time of the thread that ran it (the driver runs generators on the calling thread; less disturbed by other processes), and its allocation.</summary>
internal readonly record struct Measurement(TimeSpan Elapsed, TimeSpan ThreadCpu, long AllocatedBytes)
{
    public double AllocatedMegabytes => AllocatedBytes / (1024.0 * 1024.0);
}

/// <summary>Finds the <c>[TcpServer]</c>/<c>[UdpServer]</c> classes as the server generator does, and nothing more.</summary>
internal sealed class AttributeLookupFloor : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (string attribute in new[] { "DualStackGen.TcpServerAttribute", "DualStackGen.UdpServerAttribute" })
        {
            IncrementalValuesProvider<string> names = context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax, static (attributed, _) => attributed.TargetSymbol.Name);
            context.RegisterSourceOutput(names.Collect(), static (_, _) => { });
        }
    }
}

/// <summary>The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; the process's elsewhere).</summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out TimeSpec time) == 0)
        {
            return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
        }

        return Process.GetCurrentProcess().TotalProcessorTime;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
