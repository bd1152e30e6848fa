extern alias GeneratorAssembly;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using DualStackGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackGen.Generator.Tests.Fuzz;

/// <summary>
/// Mutated servers (names that differ in case or are keywords, members and nested types with generated names, base
/// classes, handler shapes, constructors, nesting, modifiers, LangVersion, hosting, half-typed code), from a fixed seed
/// so that a failure repeats. For every input the generator must not throw; for every input that compiles without
/// the generator, the output must compile too, with nothing reported inside a generated file: a misuse is a DSG
/// diagnostic at the user's code, never an error in generated code.
/// </summary>
[Collection(nameof(GeneratorFuzzTests))]
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_261_201;
    private const int Cases = 1_500;

    private static readonly string[] Namespaces = ["", "Samples", "Samples.Outer", "@namespace.@event"];
    private static readonly string[] Names = ["Server", "server", "SERVER", "Echo", "@event", "@class", "Inner", "Options", "StartAsync", "Ünïcode", "_dualStackGenRunner"];
    private static readonly string[] Modifiers = ["public partial", "internal partial", "partial", "public sealed partial", "public abstract partial", "public static partial", "file partial", "public", "public partial record", "internal sealed partial record"];

    private static readonly string[] Members =
    [
        "public string Name { get; } = \"x\";",
        "",
        "public string Name { get; } = \"x\";",
        "public int Count;",
        "public string Options => \"mine\";",
        "public bool IsRunning;",
        "public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;",
        "public Task StopAsync() => Task.CompletedTask;",
        "public Task StopAsync(System.TimeSpan timeout) => Task.CompletedTask;",
        "public ValueTask DisposeAsync() => default;",
        "public int LocalEndPoints => 0;",
        "public void Dispose() { }",
        "protected virtual void Dispose(bool disposing) { }",
        "private object? _dualStackGenRunner;",
        "public sealed class Options { }",
        "public sealed class Logger { }",
        "public static int System;",
        "public int Host { get; set; }",
        "public void Start() { }",
        "public required string Tag { get; set; }",
        "private ValueTask OnConnection(TcpConnection connection) => default;",
    ];

    private static readonly string[] Bases = ["", " : System.IO.MemoryStream", " : BaseWithStart", " : BaseWithPrivateStart", " : BaseWithOptions", " : System.Exception", " : System.IDisposable", " : ICustom"];

    private static readonly string[] TcpHandlers =
    [
        "private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;",
        "private static Task OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;",
        "internal async Task OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => await Task.Yield();",
        "private Task? OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => null;",
        "private ref ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => ref Shared.Task;",
        "private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken, __arglist) => default;",
        "[System.Obsolete] private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;",
        "[System.Diagnostics.CodeAnalysis.Experimental(\"FUZZ001\")] private ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) => default;",
        "private void OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken) { }",
        "private ValueTask OnConnectionAsync(TcpConnection connection) => default;",
        "private ValueTask OnConnectionAsync<T>(TcpConnection connection, CancellationToken cancellationToken) => default;",
        "",
    ];

    private static readonly string[] Constructors =
    [
        "",
        "public {0}() {{ }}",
        "public {0}(Microsoft.Extensions.Logging.ILogger<{0}> logger) {{ }}",
        "public {0}(int port) {{ }}",
        "public {0}(string a) {{ }} public {0}(object b) {{ }}",
        "[System.Obsolete] public {0}() {{ }}",
        "public {0}(System.IServiceProvider services, string? name = null) {{ }}",
        "private {0}() {{ }}",
        "[System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public {0}() {{ }}",
    ];

    private static readonly string[] Attributes =
    [
        "[TcpServer(\"::\", {0})]",
        "[TcpServer(\"localhost\", {0}, Mode = ListenMode.DualStack)]",
        "[UdpServer(\"::\", {0})]",
        "[TcpServer(\"0.0.0.0\", {0}, Mode = ListenMode.IPv6Only)]",
        "[TcpServer(\"::\", 70000)]",
        "[System.Obsolete][TcpServer(\"::\", {0})]",
    ];

    private static readonly LanguageVersion[] Versions = [LanguageVersion.CSharp7_3, LanguageVersion.CSharp8, LanguageVersion.CSharp9, LanguageVersion.CSharp10, LanguageVersion.Latest];

    private const string Support = """
        using System.Threading;
        using System.Threading.Tasks;

        public class BaseWithStart { public virtual Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask; }
        public class BaseWithPrivateStart { private Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask; }
        public class BaseWithOptions { protected string Options => ""; public bool IsRunning => false; }
        public interface ICustom { }
        public static class Shared { public static ValueTask Task; }
        """;

    // Derived compilations share their base's bound references; creating each case's compilation from scratch would
    // bind the ~200 framework assemblies again every time.
    private static readonly CSharpCompilation PlainBase = CreateBase(GeneratorHarness.References);
    private static readonly CSharpCompilation HostingBase = CreateBase(GeneratorHarness.HostingReferences);

    private static CSharpCompilation CreateBase(ImmutableArray<MetadataReference> references)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Fuzz",
            [],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
        _ = compilation.GetDiagnostics();
        return compilation;
    }

    [Fact]
    public void Mutated_servers_never_throw_and_clean_inputs_compile_with_nothing_in_generated_files()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var failures = new ConcurrentBag<string>();
        int cleanAndGenerated = 0;
        int withDsgDiagnostic = 0;
        Parallel.For(0, Cases, index =>
        {
            var random = new Random(Seed + index);
            FuzzCase fuzzCase = CreateCase(random);
            try
            {
                switch (Check(fuzzCase))
                {
                    case Outcome.CleanAndGenerated:
                        System.Threading.Interlocked.Increment(ref cleanAndGenerated);
                        break;
                    case Outcome.Diagnosed:
                        System.Threading.Interlocked.Increment(ref withDsgDiagnostic);
                        break;
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failures.Add($"case {index} ({fuzzCase.Version}, hosting {fuzzCase.WithHosting}): {exception.Message}\n{string.Join("\n// ----\n", fuzzCase.Sources)}");
            }
        });

        output.WriteLine(
            $"{Cases} cases: {cleanAndGenerated} generated and compiled clean, {withDsgDiagnostic} diagnosed; "
            + $"{clock.Elapsed.TotalSeconds:F1} s wall, {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:F1} s CPU");
        string[] sorted = [.. failures.OrderBy(failure => failure, StringComparer.Ordinal)];
        Assert.True(
            sorted.Length == 0,
            $"{sorted.Length} of {Cases} cases failed:\n{string.Join("\n", sorted.Select(failure => failure[..Math.Min(failure.Length, 400)].Split('\n')[0]))}\nfirst in full:\n{sorted.FirstOrDefault()}");

        // Not a vacuous pass: a good share of the inputs were generated and compiled, and many were diagnosed.
        Assert.True(cleanAndGenerated > Cases / 10, $"only {cleanAndGenerated} clean inputs got generated code");
        Assert.True(withDsgDiagnostic > Cases / 10, $"only {withDsgDiagnostic} inputs got a DSG diagnostic");
    }

    private enum Outcome
    {
        NotClean,
        Diagnosed,
        CleanAndGenerated,
    }

    private sealed record FuzzCase(string[] Sources, LanguageVersion Version, bool WithHosting);

    private static Outcome Check(FuzzCase fuzzCase)
    {
        CSharpParseOptions parseOptions = GeneratorHarness.ParseOptions.WithLanguageVersion(fuzzCase.Version);
        CSharpCompilation compilation = (fuzzCase.WithHosting ? HostingBase : PlainBase).AddSyntaxTrees(
            fuzzCase.Sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"/user/Source{index}.cs")));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GeneratorAssembly::DualStackGen.Generator.Servers.ServerGenerator().AsSourceGenerator()], parseOptions: parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("the generator threw " + result.Exception);
        }

        Diagnostic? inGeneratedFile = generatorDiagnostics.FirstOrDefault(diagnostic => IsGenerated(diagnostic.Location));
        if (inGeneratedFile is not null || generatorDiagnostics.Any(diagnostic => diagnostic.Id == "CS8785"))
        {
            throw new InvalidOperationException("generator diagnostic in a generated file or CS8785: " + (inGeneratedFile ?? generatorDiagnostics.First()));
        }

        if (result.GeneratedSources.IsEmpty)
        {
            // Nothing added: the output is the input.
            return generatorDiagnostics.Any(diagnostic => diagnostic.Id.StartsWith("DSG", StringComparison.Ordinal)) ? Outcome.Diagnosed : Outcome.NotClean;
        }

        // The output is compiled first and the input only when the output has a problem: one compilation per case.
        ImmutableArray<Diagnostic> outputDiagnostics = output.GetDiagnostics();
        Diagnostic[] problems = [.. outputDiagnostics.Where(diagnostic =>
            diagnostic.Severity == DiagnosticSeverity.Error
            || (diagnostic.Severity == DiagnosticSeverity.Warning && IsGenerated(diagnostic.Location)))];
        if (problems.Length == 0)
        {
            return Outcome.CleanAndGenerated;
        }

        ImmutableArray<Diagnostic> inputDiagnostics = compilation.GetDiagnostics();
        if (inputDiagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
        {
            return Outcome.NotClean;
        }

        // A warning the user's own declaration already carries (CS8981, a lower-case type name) repeats on every part
        // of the type, the generated one included: the input was not clean of it.
        problems = [.. problems.Where(problem => !inputDiagnostics.Any(input => input.Id == problem.Id && input.GetMessage() == problem.GetMessage()))];
        if (problems.Length > 0)
        {
            string generated = string.Join("\n", result.GeneratedSources.Select(source => $"// {source.HintName}\n{source.SourceText}"));
            throw new InvalidOperationException($"clean input, but: {string.Join("; ", problems.Select(problem => problem.ToString()))}\n{generated}");
        }

        return Outcome.CleanAndGenerated;
    }

    private static bool IsGenerated(Location location) =>
        location.SourceTree is { } tree && !tree.FilePath.StartsWith("/user/", StringComparison.Ordinal);

    private static FuzzCase CreateCase(Random random)
    {
        var sources = new List<string> { Support };
        int servers = random.Next(1, 3);
        string namespaceName = Pick(random, Namespaces);
        for (int i = 0; i < servers; i++)
        {
            // Servers share a namespace half of the time, where names that differ in case or clash meet.
            string ns = random.Next(2) == 0 ? namespaceName : Pick(random, Namespaces);
            string server = CreateServer(random, ns, port: 1000 + i);
            sources.Add(server);
            if (random.Next(12) == 0)
            {
                // The same text again in a second file: a second file-local type of that name, or a duplicate (CS0101).
                sources.Add(server);
            }
        }

        if (random.Next(8) == 0)
        {
            // Half-typed: the last server cut off anywhere.
            string last = sources[^1];
            sources[^1] = last[..random.Next(last.Length)];
        }

        return new FuzzCase([.. sources], Pick(random, Versions), WithHosting: random.Next(2) == 0);
    }

    private static string CreateServer(Random random, string ns, int port)
    {
        string name = Pick(random, Names);
        string attribute = string.Format(System.Globalization.CultureInfo.InvariantCulture, PickMostlyFirst(random, Attributes), port);
        bool udp = attribute.Contains("UdpServer", StringComparison.Ordinal);
        string modifiers = PickMostlyFirst(random, Modifiers);
        bool isRecord = modifiers.EndsWith("record", StringComparison.Ordinal);
        string keyword = isRecord ? string.Empty : " class";
        string positional = isRecord && random.Next(3) == 0 ? (random.Next(2) == 0 ? "(string Options)" : "(string Tag)") : string.Empty;
        string baseList = isRecord ? string.Empty : PickMostlyFirst(random, Bases);
        string handler = udp
            ? PickMostlyFirst(random, TcpHandlers).Replace("OnConnectionAsync", "OnDatagramAsync", StringComparison.Ordinal).Replace("TcpConnection connection", "UdpDatagram datagram", StringComparison.Ordinal)
            : PickMostlyFirst(random, TcpHandlers);
        string constructor = modifiers.Contains("static", StringComparison.Ordinal) || positional.Length > 0
            ? string.Empty
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, PickMostlyFirst(random, Constructors), name);

        var text = new StringBuilder();
        text.AppendLine("using System.Threading;");
        text.AppendLine("using System.Threading.Tasks;");
        text.AppendLine("using DualStackGen;");
        text.AppendLine();
        if (ns.Length > 0)
        {
            text.AppendLine($"namespace {ns} {{");
        }

        bool nested = random.Next(4) == 0;
        if (nested)
        {
            text.AppendLine(random.Next(6) == 0 ? "public class Outer {" : "public partial class Outer {");
        }

        text.AppendLine(attribute);
        text.AppendLine($"{modifiers}{keyword} {name}{positional}{baseList}");
        text.AppendLine("{");
        text.AppendLine("    " + constructor);
        for (int member = random.Next(3); member > 0; member--)
        {
            text.AppendLine("    " + PickMostlyFirst(random, Members));
        }

        text.AppendLine("    " + handler);
        if (baseList.Contains("IDisposable", StringComparison.Ordinal))
        {
            text.AppendLine("    void System.IDisposable.Dispose() { }");
        }

        text.AppendLine("}");
        if (nested)
        {
            text.AppendLine("}");
        }

        if (ns.Length > 0)
        {
            text.AppendLine("}");
        }

        return text.ToString();
    }

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];

    // The first choice is the valid, plain one: taken two times in three, so that a case with several servers is still
    // often valid as a whole and its generated code gets compiled.
    private static T PickMostlyFirst<T>(Random random, T[] choices) => random.Next(3) != 0 ? choices[0] : Pick(random, choices);
}
