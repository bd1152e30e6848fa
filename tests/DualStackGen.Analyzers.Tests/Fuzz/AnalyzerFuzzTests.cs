using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Analyzers.Tests.Fuzz;

/// <summary>
/// Mutated corpus files and rule-test sources (see <see cref="SourceMutator"/>), from a fixed list of seeds so that a
/// failure repeats: all nine analyzers run over each mutated compilation and none may throw (an AD0001 in the user's
/// build), hang (each case runs under a timeout), or report inside generated code; then every DSG diagnostic's code fix
/// is asked for its actions and each is applied, and none may throw or turn a file that parsed into one that does not.
/// <c>DUALSTACKGEN_FUZZ_CASES</c> sets the number of cases for a long local run, <c>DUALSTACKGEN_FUZZ_FIRST</c> the
/// first case (so <c>DUALSTACKGEN_FUZZ_FIRST=n DUALSTACKGEN_FUZZ_CASES=1</c> repeats case n alone).
/// </summary>
[Collection(nameof(AnalyzerFuzzTests))]
public sealed class AnalyzerFuzzTests(ITestOutputHelper output)
{
    private const int BaseSeed = 11_000_000;
    private const int DefaultCases = 300;
    private const int MaxFixedDiagnosticsPerCase = 3;
    private const int MaxActionsPerDiagnostic = 2;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(ReadSetting("DUALSTACKGEN_FUZZ_TIMEOUT_SECONDS", 20));

    private static readonly ImmutableDictionary<string, CodeFixProvider> FixersById = typeof(IPv4OnlyWildcardListenerCodeFixProvider).Assembly.GetTypes()
        .Where(type => typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract)
        .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
        .SelectMany(fixer => fixer.FixableDiagnosticIds.Select(id => (id, fixer)))
        .ToImmutableDictionary(pair => pair.id, pair => pair.fixer, StringComparer.Ordinal);

    [Fact]
    public async Task Mutated_code_never_makes_an_analyzer_or_a_fix_throw_or_hang()
    {
        int first = ReadSetting("DUALSTACKGEN_FUZZ_FIRST", 0);
        int cases = ReadSetting("DUALSTACKGEN_FUZZ_CASES", DefaultCases);

        // A long local run writes each failure there as it happens, and a line every 100 cases.
        string? log = Environment.GetEnvironmentVariable("DUALSTACKGEN_FUZZ_LOG");
        int done = 0;
        Assert.Equal(9, DualStackAnalyzers.All.Length);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failures = new ConcurrentBag<(int Index, string Message)>();
        var tally = new Tally();
        // Warm up outside the hang guard: the first case would otherwise pay for loading and compiling Roslyn itself.
        await RunAsync(FuzzCase.Create(BaseSeed - 1), new Tally(), CancellationToken.None);

        void Log(string line)
        {
            if (log is not null)
            {
                lock (failures)
                {
                    System.IO.File.AppendAllText(log, line + "\n");
                }
            }
        }

        await Parallel.ForEachAsync(
            Enumerable.Range(first, cases),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (index, _) =>
            {
                FuzzCase fuzzCase;
                try
                {
                    fuzzCase = FuzzCase.Create(BaseSeed + index);
                }
                catch (Exception exception)
                {
                    failures.Add((index, $"case {index}: the mutator threw {exception}"));
                    return;
                }

                using var timeout = new CancellationTokenSource(CaseTimeout);
                try
                {
                    string? problem = await RunAsync(fuzzCase, tally, timeout.Token).WaitAsync(CaseTimeout + TimeSpan.FromSeconds(5));
                    if (problem is not null)
                    {
                        failures.Add((index, Describe(index, fuzzCase, problem)));
                    }
                }
                catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
                {
                    failures.Add((index, Describe(index, fuzzCase, $"HANG: not done within {CaseTimeout.TotalSeconds:F0} s ({exception.GetType().Name})")));
                }
                catch (Exception exception)
                {
                    failures.Add((index, Describe(index, fuzzCase, "threw " + exception)));
                }

                if (failures.FirstOrDefault(failure => failure.Index == index).Message is { } failed)
                {
                    Log(failed + "\n" + new string('-', 80));
                }

                if (Interlocked.Increment(ref done) % 100 == 0)
                {
                    Log($"{done} cases done, {failures.Count} failed, {clock.Elapsed.TotalSeconds:F0} s");
                }
            });

        output.WriteLine(
            $"{cases} cases from {first} ({FuzzSeeds.All.Count} seed files): {tally.WithoutErrors} compiled without errors, "
            + $"{tally.Diagnostics} DSG diagnostics in {tally.Diagnosed} cases, {tally.FixAttempts} fixes asked for, {tally.ActionsApplied} actions applied; "
            + $"workspace {tally.CompileMilliseconds / 1000.0:F1} s, compiler and analyzers {tally.AnalyzeMilliseconds / 1000.0:F1} s (summed over threads); "
            + $"{clock.Elapsed.TotalSeconds:F1} s");
        (int Index, string Message)[] sorted = [.. failures.OrderBy(failure => failure.Index)];
        foreach ((int _, string message) in sorted)
        {
            output.WriteLine(message[..Math.Min(message.Length, 6000)]);
            output.WriteLine(new string('-', 80));
        }

        Assert.True(
            sorted.Length == 0,
            $"{sorted.Length} of {cases} cases failed:\n{string.Join("\n", sorted.Select(failure => failure.Message.Split('\n')[0]))}\n\nfirst in full:\n{sorted.FirstOrDefault().Message}");

        // Not a vacuous pass: many mutated inputs still compiled, got diagnostics, and had fixes applied (a repeat of one
        // case is exempt).
        if (cases >= 50)
        {
            Assert.True(tally.Diagnosed > cases / 5, $"only {tally.Diagnosed} of {cases} cases got a DSG diagnostic");
            Assert.True(tally.ActionsApplied > cases / 10, $"only {tally.ActionsApplied} code actions were applied");
            Assert.True(tally.WithoutErrors > cases / 20, $"only {tally.WithoutErrors} cases compiled without errors");
        }
    }

    private static int ReadSetting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    private static string Describe(int index, FuzzCase fuzzCase, string problem) =>
        $"case {index} (seed {fuzzCase.Seed}; repeat with DUALSTACKGEN_FUZZ_FIRST={index} DUALSTACKGEN_FUZZ_CASES=1): {problem.Split('\n')[0]}\n"
        + $"files: {string.Join(", ", fuzzCase.Files.Select(file => file.Path))}\n"
        + $"mutations of {fuzzCase.Files[0].Path}:\n  {string.Join("\n  ", fuzzCase.Mutations)}\n"
        + $"options: {string.Join(", ", fuzzCase.Options.Select(pair => pair.Key + "=" + pair.Value))} concurrent={fuzzCase.Concurrent} perDocument={fuzzCase.PerDocument} {fuzzCase.ParseOptions.LanguageVersion}\n"
        + $"{problem}\n--- mutated file ---\n{fuzzCase.MutatedText}";

    /// <summary>Runs the case; returns what went wrong, or null.</summary>
    private static async Task<string?> RunAsync(FuzzCase fuzzCase, Tally tally, CancellationToken cancellationToken)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        (Project project, Compilation compilation) = await CreateProjectAsync(fuzzCase, cancellationToken);
        long compiled = System.Diagnostics.Stopwatch.GetTimestamp();
        tally.Add(ref tally.CompileMilliseconds, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started, compiled).TotalMilliseconds);
        var exceptions = new ConcurrentQueue<string>();
        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new DictionaryConfigOptions(fuzzCase.Options));
        var options = new CompilationWithAnalyzersOptions(
            analyzerOptions,
            (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: fuzzCase.Concurrent,
            logAnalyzerExecutionTime: false);
        // The compiler's diagnostics come in the same pass: the analyzers' compilation is a copy, bound again.
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(DualStackAnalyzers.All, options).GetAllDiagnosticsAsync(cancellationToken);
        if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            tally.Add(ref tally.WithoutErrors, 1);
        }

        if (!exceptions.IsEmpty || diagnostics.Any(d => d.Id == "AD0001"))
        {
            return "ANALYZER EXCEPTION: " + string.Join("\n", exceptions.Concat(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString())));
        }

        if (fuzzCase.PerDocument)
        {
            // The IDE's path: one document's syntax and semantic diagnostics at a time, on a fresh driver.
            CompilationWithAnalyzers perDocument = compilation.WithAnalyzers(DualStackAnalyzers.All, options);
            var documentDiagnostics = new List<Diagnostic>();
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                documentDiagnostics.AddRange(await perDocument.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken));
                documentDiagnostics.AddRange(await perDocument.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, cancellationToken));
            }

            if (!exceptions.IsEmpty || documentDiagnostics.Any(d => d.Id == "AD0001"))
            {
                return "ANALYZER EXCEPTION (one document at a time): "
                    + string.Join("\n", exceptions.Concat(documentDiagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString())));
            }

            diagnostics = diagnostics.AddRange(documentDiagnostics.Where(d => d.Id.StartsWith("DSG", StringComparison.Ordinal) && !diagnostics.Contains(d)));
        }

        tally.Add(ref tally.AnalyzeMilliseconds, (int)System.Diagnostics.Stopwatch.GetElapsedTime(compiled).TotalMilliseconds);
        Diagnostic[] dsg = [.. diagnostics.Where(d => d.Id.StartsWith("DSG", StringComparison.Ordinal))];
        if (dsg.Length > 0)
        {
            tally.Add(ref tally.Diagnosed, 1);
            tally.Add(ref tally.Diagnostics, dsg.Length);
        }

        // Two parts of one type both marked [GeneratedCode] are an error (CS0579), and the driver then analyzes the type.
        bool attributeMarkValid = !diagnostics.Any(d => d.Id == "CS0579" && d.Location.SourceTree?.FilePath == fuzzCase.GeneratedPath);
        if (dsg.FirstOrDefault(d => IsInGeneratedCode(d.Location, fuzzCase.GeneratedPath, attributeMarkValid)) is { } inGenerated)
        {
            return "REPORTED IN GENERATED CODE: " + inGenerated;
        }

        // Fixes: a few diagnostics per case, every offered action up to a bound, chosen the same way on every run.
        var random = new Random(fuzzCase.Seed ^ 0x5EED);
        foreach (Diagnostic diagnostic in dsg.OrderBy(_ => random.Next()).Take(MaxFixedDiagnosticsPerCase))
        {
            if (!FixersById.TryGetValue(diagnostic.Id, out CodeFixProvider? fixer) || project.GetDocument(diagnostic.Location.SourceTree) is not { } document)
            {
                continue;
            }

            tally.Add(ref tally.FixAttempts, 1);
            string? problem = await FixAsync(fixer, document, diagnostic, dsg, random.Next(4) == 0, tally, cancellationToken);
            if (problem is not null)
            {
                return $"FIX {fixer.GetType().Name} for {diagnostic}: {problem}";
            }
        }

        return null;
    }

    private static async Task<(Project Project, Compilation Compilation)> CreateProjectAsync(FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        IEnumerable<MetadataReference> references = TestReferences.Framework.AddRange(TestReferences.Runtime);
        if (fuzzCase.Files.Any(file => file.Text.Contains("using Xunit", StringComparison.Ordinal)))
        {
            references = references.Concat(TestReferences.Xunit);
        }

        bool topLevel = fuzzCase.Files.Any(file => CSharpSyntaxTree.ParseText(file.Text, fuzzCase.ParseOptions, cancellationToken: cancellationToken)
            .GetRoot(cancellationToken).ChildNodes().OfType<GlobalStatementSyntax>().Any());
        Solution solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Fuzz",
                "Fuzz",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(
                    topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                    allowUnsafe: true,
                    nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: fuzzCase.ParseOptions,
                metadataReferences: references))
            .AddDocument(DocumentId.CreateNewId(projectId), GlobalUsings.FileName, GlobalUsings.Source, filePath: "/fuzz/" + GlobalUsings.FileName);
        foreach ((string path, string text) in fuzzCase.Files)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        Project project = solution.GetProject(projectId)!;
        return (project, (await project.GetCompilationAsync(cancellationToken))!);
    }

    private static async Task<string?> FixAsync(
        CodeFixProvider fixer, Document document, Diagnostic diagnostic, Diagnostic[] all, bool fixAll, Tally tally, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context);
        foreach (CodeAction action in actions.Take(MaxActionsPerDiagnostic))
        {
            if (await ApplyAsync(action, document.Project.Solution, cancellationToken) is { } problem)
            {
                return $"action \"{action.Title}\": {problem}";
            }

            tally.Add(ref tally.ActionsApplied, 1);
        }

        if (fixAll && actions.Count > 0 && fixer.GetFixAllProvider() is { } provider)
        {
            var fixAllContext = new FixAllContext(
                document, fixer, FixAllScope.Document, actions[0].EquivalenceKey, [diagnostic.Id], new KnownDiagnostics(all), cancellationToken);
            if (await provider.GetFixAsync(fixAllContext) is { } fixAllAction
                && await ApplyAsync(fixAllAction, document.Project.Solution, cancellationToken) is { } problem)
            {
                return "FixAll: " + problem;
            }
        }

        return null;
    }

    /// <summary>Applies <paramref name="action"/>; returns what is wrong with its result, or null.</summary>
    private static async Task<string?> ApplyAsync(CodeAction action, Solution solution, CancellationToken cancellationToken)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(cancellationToken);
        foreach (Solution changed in operations.OfType<ApplyChangesOperation>().Select(operation => operation.ChangedSolution))
        {
            foreach (DocumentId id in changed.GetChanges(solution).GetProjectChanges().SelectMany(change => change.GetChangedDocuments()))
            {
                SyntaxTree before = (await solution.GetDocument(id)!.GetSyntaxTreeAsync(cancellationToken))!;
                SourceText text = await changed.GetDocument(id)!.GetTextAsync(cancellationToken);
                SyntaxTree after = CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)before.Options, cancellationToken: cancellationToken);
                if (!before.GetDiagnostics(cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error)
                    && after.GetDiagnostics(cancellationToken).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
                {
                    return $"the fixed {before.FilePath} does not parse: {error}\n--- fixed file ---\n{text}";
                }
            }
        }

        return null;
    }

    private static bool IsInGeneratedCode(Location location, string? generatedPath, bool attributeMarkValid)
    {
        if (generatedPath is null || location.SourceTree is not { } tree || tree.FilePath != generatedPath)
        {
            return false;
        }

        // A file marked by its name or header is generated as a whole; one marked by [GeneratedCode] only inside its types.
        SyntaxNode node = tree.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        return !tree.GetText().ToString().Contains("GeneratedCode(\"fuzz\"", StringComparison.Ordinal)
            || attributeMarkValid && node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().Any(type => type.AttributeLists.ToString().Contains("GeneratedCode(\"fuzz\"", StringComparison.Ordinal));
    }

    /// <summary>The counts that show the run was not vacuous.</summary>
    private sealed class Tally
    {
// Fields, so that Interlocked can update them.
        public int WithoutErrors;
        public int Diagnosed;
        public int Diagnostics;
        public int FixAttempts;
        public int ActionsApplied;
        public int CompileMilliseconds;
        public int AnalyzeMilliseconds;

        public void Add(ref int field, int amount) => Interlocked.Add(ref field, amount);
    }

    /// <summary>Gives FixAll the diagnostics the analyzers reported for the case.</summary>
    private sealed class KnownDiagnostics(Diagnostic[] diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree tree = (await document.GetSyntaxTreeAsync(cancellationToken))!;
            return diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => !d.Location.IsInSource));
    }
}
