using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Analyzers.Tests.Support;

/// <summary>
/// One analyzer (and optionally its code fix) run over sources in an <see cref="AdhocWorkspace"/>. Sources carry their
/// expected diagnostics as <see cref="Markup"/>; every source must compile before and after a fix, and a fix must leave
/// none of the fixed rule's diagnostics behind.
/// </summary>
internal sealed class AnalyzerVerifier
{
    private const int MaxFixIterations = 20;

    private readonly DiagnosticAnalyzer _analyzer;
    private readonly List<(string Markup, int Project)> _sources = [];
    private CodeFixProvider? _fixer;
    private bool _withRuntime;
    private bool _atOrigin;
    private bool _injected;
    private List<Markup> _markups = [];
    private int _fixIndex;
    private List<(string Text, TextSpan? Origin)> _origins = [];

    /// <summary>The markup id of an origin: <c>{|ORIGIN:IPAddress.Any|}</c> marks where a rule that follows values reports.</summary>
    public const string OriginMark = "ORIGIN";

    public AnalyzerVerifier(DiagnosticAnalyzer analyzer) => _analyzer = analyzer;

    private string RuleId => _analyzer.SupportedDiagnostics[0].Id;

    /// <summary>Adds a document to the first project.</summary>
    public AnalyzerVerifier WithSource(string markup) => WithSourceInProject(markup, 0);

    /// <summary>Adds a document to project <paramref name="project"/> (0 or 1), to test FixAll across projects.</summary>
    public AnalyzerVerifier WithSourceInProject(string markup, int project)
    {
        _sources.Add((markup, project));
        return this;
    }

    /// <summary>References DualStackGen.Runtime, so fixes may use its helpers.</summary>
    public AnalyzerVerifier WithRuntimeReference()
    {
        _withRuntime = true;
        return this;
    }

    /// <summary>
    /// Hands the fixer every diagnostic of the rule as a rule that reports at the origin does: located at the document's
    /// <c>{|ORIGIN:...|}</c> mark, with the analyzer's own location (the sink) as <c>AdditionalLocations[0]</c>.
    /// </summary>
    public AnalyzerVerifier WithDiagnosticsAtOrigin()
    {
        _atOrigin = true;
        return this;
    }

    /// <summary>
    /// Hands the fixer the marked diagnostics instead of the analyzer's, in documents not yet changed by a fix: for shapes
    /// a fixer must handle that the current analysis does not report yet (an address that may be null, read through
    /// <c>?.</c>). The fixed source is still checked by the compiler, with no new warning.
    /// </summary>
    public AnalyzerVerifier WithMarkedDiagnosticsInjected()
    {
        _injected = true;
        return this;
    }

    public AnalyzerVerifier WithCodeFix<TFixer>()
        where TFixer : CodeFixProvider, new()
    {
        _fixer = new TFixer();
        return this;
    }

    /// <summary>Chooses which of the offered code actions to apply (0, the first, by default).</summary>
    public AnalyzerVerifier WithCodeFixIndex(int index)
    {
        _fixIndex = index;
        return this;
    }

    /// <summary>Asserts that the analyzer reports exactly the marked diagnostics (id and span), and that the sources compile.</summary>
    public async Task ShouldReportAsync()
    {
        (Solution solution, List<DocumentId> documents, List<Markup> markups) = CreateSolution();
        await AssertCompilesAsync(solution, "The test source");
        ImmutableArray<Diagnostic> actual = await GetAnalyzerDiagnosticsAsync(solution);
        var expected = new List<string>();
        var reported = new List<string>();
        for (int i = 0; i < documents.Count; i++)
        {
            Document document = solution.GetDocument(documents[i])!;
            SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
            SourceText text = await document.GetTextAsync();
            expected.AddRange(markups[i].Expected.Where(diagnostic => diagnostic.Id != OriginMark).Select(diagnostic => Describe(document.Name, diagnostic.Id, diagnostic.Span, text)));
            reported.AddRange(actual.Where(diagnostic => diagnostic.Location.SourceTree == tree)
                .Select(diagnostic => Describe(document.Name, diagnostic.Id, diagnostic.Location.SourceSpan, text)));
        }

        expected.Sort(StringComparer.Ordinal);
        reported.Sort(StringComparer.Ordinal);
        Assert.True(
            expected.SequenceEqual(reported),
            $"Expected diagnostics:\n  {string.Join("\n  ", expected)}\nReported:\n  {string.Join("\n  ", reported)}");
    }

    /// <summary>The rule's diagnostics on the sources (markup stripped), for assertions the marks cannot express (messages, additional locations).</summary>
    public async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync()
    {
        (Solution solution, _, _) = CreateSolution();
        return [.. (await GetDiagnosticsAsync(solution)).Where(d => d.Id == RuleId)];
    }

    /// <summary>Asserts the diagnostics, then applies the code fix one diagnostic at a time until none is left, and compares the documents.</summary>
    public async Task ShouldFixToAsync(params string[] expectedSources)
    {
        await ShouldReportAsync();
        (Solution solution, List<DocumentId> documents, _) = CreateSolution();
        Dictionary<string, int> warningsBefore = await CompilerWarningsAsync(solution);
        for (int iteration = 0; ; iteration++)
        {
            Assert.True(iteration < MaxFixIterations, "The code fix did not converge.");
            Diagnostic? diagnostic = (await GetDiagnosticsAsync(solution)).Where(d => d.Id == RuleId).OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).FirstOrDefault();
            if (diagnostic is null)
            {
                break;
            }

            Document document = solution.GetDocument(diagnostic.Location.SourceTree)!;
            CodeAction action = await GetSingleActionAsync(document, diagnostic);
            solution = await ApplyAsync(action, solution);
        }

        await AssertFixedAsync(solution, documents, expectedSources, solution.Projects, warningsBefore);
    }

    /// <summary>Asserts the diagnostics, then applies FixAll for <paramref name="scope"/> once from the first diagnostic, and compares the documents.</summary>
    public Task ShouldFixAllToAsync(FixAllScope scope, params string[] expectedSources) => FixAllToAsync(scope, asDotnetFormat: false, expectedSources);

    /// <summary>
    /// As <see cref="ShouldFixAllToAsync"/> over the solution, started the way <c>dotnet format analyzers</c> starts it: from
    /// the first diagnostic, with the equivalence key of the first fix offered for it, or none when it has no fix.
    /// </summary>
    public Task ShouldFixAllAsDotnetFormatToAsync(params string[] expectedSources) => FixAllToAsync(FixAllScope.Solution, asDotnetFormat: true, expectedSources);

    private async Task FixAllToAsync(FixAllScope scope, bool asDotnetFormat, string[] expectedSources)
    {
        await ShouldReportAsync();
        (Solution solution, List<DocumentId> documents, _) = CreateSolution();
        Dictionary<string, int> warningsBefore = await CompilerWarningsAsync(solution);
        ImmutableArray<Diagnostic> diagnostics = await GetDiagnosticsAsync(solution);
        Diagnostic first = diagnostics.Where(d => d.Id == RuleId).OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).First();
        Document document = solution.GetDocument(first.Location.SourceTree)!;
        string? equivalenceKey = asDotnetFormat ? (await GetActionsAsync(document, first)).FirstOrDefault()?.EquivalenceKey : (await GetSingleActionAsync(document, first)).EquivalenceKey;
        CodeFixProvider fixer = Fixer();
        FixAllProvider fixAll = fixer.GetFixAllProvider() ?? throw new InvalidOperationException("The code fix has no FixAll provider.");
        Assert.Contains(scope, fixAll.GetSupportedFixAllScopes());
        var context = new FixAllContext(document, fixer, scope, equivalenceKey!, [RuleId], new SolutionDiagnosticProvider(this), CancellationToken.None);
        CodeAction fixAllAction = (await fixAll.GetFixAsync(context)) ?? throw new InvalidOperationException("FixAll produced no action.");
        solution = await ApplyAsync(fixAllAction, solution);
        Project fixedProject = solution.GetProject(document.Project.Id)!;
        IEnumerable<Project> fixedScope = scope switch
        {
            FixAllScope.Solution => solution.Projects,
            _ => [fixedProject],
        };
        SyntaxTree? onlyTree = scope == FixAllScope.Document ? await solution.GetDocument(document.Id)!.GetSyntaxTreeAsync() : null;
        // As dotnet format runs it, what is left is checked below: only diagnostics no fix is offered for.
        await AssertFixedAsync(solution, documents, expectedSources, fixedScope, warningsBefore, onlyTree, leavesUnfixable: asDotnetFormat);

        // A second FixAll over what the first left must change nothing: no diagnostic of the rule is left to act on (as
        // dotnet format runs it, what is left is only what no fix is offered for).
        if (onlyTree is null)
        {
            foreach (Project project in fixedScope)
            {
                List<Diagnostic> left = (await GetDiagnosticsAsync(project)).Where(d => d.Id == RuleId).ToList();
                if (!asDotnetFormat)
                {
                    Assert.Empty(left);
                    continue;
                }

                foreach (Diagnostic diagnostic in left)
                {
                    List<CodeAction> offered = await GetActionsAsync(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic);
                    Assert.True(offered.Count == 0, $"{diagnostic} is left with a fix offered: {string.Join(", ", offered.Select(a => a.Title))}");
                }
            }
        }
    }

    /// <summary>Asserts the diagnostics, and that the code fix offers nothing for any of them.</summary>
    public async Task ShouldOfferNoFixAsync()
    {
        await ShouldReportAsync();
        (Solution solution, _, _) = CreateSolution();
        foreach (Diagnostic diagnostic in await GetDiagnosticsAsync(solution))
        {
            Assert.Empty(await GetActionsAsync(solution.GetDocument(diagnostic.Location.SourceTree)!, diagnostic));
        }
    }

    private async Task AssertFixedAsync(Solution solution, List<DocumentId> documents, string[] expectedSources, IEnumerable<Project> fixedScope, Dictionary<string, int> warningsBefore, SyntaxTree? onlyTree = null, bool leavesUnfixable = false)
    {
        Assert.Equal(documents.Count, expectedSources.Length);
        for (int i = 0; i < documents.Count; i++)
        {
            SourceText text = await solution.GetDocument(documents[i])!.GetTextAsync();
            string expected = Normalize(expectedSources[i]);
            string actual = Normalize(text.ToString());
            Assert.True(expected == actual, $"Document {i} after the fix:\n{actual}\n\nExpected:\n{expected}");
        }

        await AssertCompilesAsync(solution, "The fixed source");
        Dictionary<string, int> warningsAfter = await CompilerWarningsAsync(solution);
        string[] added = warningsAfter.Where(pair => pair.Value > warningsBefore.GetValueOrDefault(pair.Key)).Select(pair => pair.Key).ToArray();
        Assert.True(added.Length == 0, $"The fix added compiler warnings (nullable enabled): {string.Join(", ", added)}\n"
            + string.Join("\n", (await AllCompilerWarningsAsync(solution)).Where(d => added.Contains(d.Id)).Select(d => d.ToString())));
        foreach (Project project in fixedScope)
        {
            if (!leavesUnfixable)
            {
                Assert.Empty((await GetDiagnosticsAsync(project)).Where(d => d.Id == RuleId && (onlyTree is null || d.Location.SourceTree == onlyTree)).Select(d => d.ToString()));
            }
        }
    }

    private async Task<CodeAction> GetSingleActionAsync(Document document, Diagnostic diagnostic)
    {
        List<CodeAction> actions = await GetActionsAsync(document, diagnostic);
        Assert.True(actions.Count > _fixIndex, $"No code fix #{_fixIndex} for {diagnostic}; offered: {string.Join(", ", actions.Select(a => a.Title))}");
        return actions[_fixIndex];
    }

    private async Task<List<CodeAction>> GetActionsAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await Fixer().RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task<Solution> ApplyAsync(CodeAction action, Solution solution)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
    }

    private CodeFixProvider Fixer() => _fixer ?? throw new InvalidOperationException("Call WithCodeFix<T>() first.");

    private (Solution Solution, List<DocumentId> Documents, List<Markup> Markups) CreateSolution()
    {
        var workspace = new AdhocWorkspace();
        Solution solution = workspace.CurrentSolution;
        var projects = new List<ProjectId>();
        var documents = new List<DocumentId>();
        var markups = new List<Markup>();
        var origins = new List<(string Text, TextSpan? Origin)>();
        int projectCount = _sources.Count == 0 ? 1 : _sources.Max(source => source.Project) + 1;
        for (int p = 0; p < projectCount; p++)
        {
            ProjectId projectId = ProjectId.CreateNewId();
            projects.Add(projectId);
            IEnumerable<MetadataReference> references = _withRuntime ? TestReferences.Framework.AddRange(TestReferences.Runtime) : TestReferences.Framework;
            solution = solution.AddProject(ProjectInfo.Create(
                    projectId,
                    VersionStamp.Default,
                    "TestProject" + p,
                    "TestProject" + p,
                    LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999),
                    parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                    metadataReferences: references))
                .AddDocument(DocumentId.CreateNewId(projectId), GlobalUsings.FileName, GlobalUsings.Source);
        }

        for (int i = 0; i < _sources.Count; i++)
        {
            Markup markup = Markup.Parse(_sources[i].Markup, RuleId);
            origins.Add((markup.Text, markup.Expected.FirstOrDefault(diagnostic => diagnostic.Id == OriginMark)?.Span));
            DocumentId documentId = DocumentId.CreateNewId(projects[_sources[i].Project]);
            solution = solution.AddDocument(documentId, $"Test{i}.cs", SourceText.From(markup.Text), filePath: $"/test/Test{i}.cs");
            documents.Add(documentId);
            markups.Add(markup);
        }

        _origins = origins;
        _markups = markups;
        return (solution, documents, markups);
    }

    internal async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Solution solution)
    {
        var all = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (Project project in solution.Projects)
        {
            all.AddRange(await GetDiagnosticsAsync(project));
        }

        return all.ToImmutable();
    }

    internal async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Project project)
    {
        ImmutableArray<Diagnostic> diagnostics = await GetAnalyzerDiagnosticsAsync(project);
        return _atOrigin ? diagnostics.Select(MovedToOrigin).ToImmutableArray() : diagnostics;
    }

    private async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Solution solution)
    {
        var all = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (Project project in solution.Projects)
        {
            all.AddRange(await GetAnalyzerDiagnosticsAsync(project));
        }

        return all.ToImmutable();
    }

    private async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Project project)
    {
        if (_injected)
        {
            var injected = ImmutableArray.CreateBuilder<Diagnostic>();
            foreach (Document document in project.Documents)
            {
                SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
                string text = tree.GetText().ToString();
                foreach (Markup markup in _markups.Where(m => m.Text == text))
                {
                    injected.AddRange(markup.Expected.Where(e => e.Id == RuleId)
                        .Select(e => Diagnostic.Create(_analyzer.SupportedDiagnostics[0], Location.Create(tree, e.Span), "the address", "the use")));
                }
            }

            return injected.ToImmutable();
        }

        Compilation compilation = (await project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([_analyzer]).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => _analyzer.SupportedDiagnostics.Any(rule => rule.Id == d.Id)).ToImmutableArray();
    }

    /// <summary>The diagnostic as reported at its document's origin mark, the sink kept as the first additional location.</summary>
    private Diagnostic MovedToOrigin(Diagnostic diagnostic)
    {
        SyntaxTree tree = diagnostic.Location.SourceTree!;
        string text = tree.GetText().ToString();
        (string _, TextSpan? origin) = _origins.FirstOrDefault(o => o.Text == text);
        if (origin is not { } span)
        {
            return diagnostic;
        }

        DiagnosticDescriptor rule = _analyzer.SupportedDiagnostics.First(rule => rule.Id == diagnostic.Id);
        var asReported = new DiagnosticDescriptor(rule.Id, rule.Title, "{0}", rule.Category, rule.DefaultSeverity, rule.IsEnabledByDefault);
        return Diagnostic.Create(asReported, Location.Create(tree, span), [diagnostic.Location], diagnostic.Properties, diagnostic.GetMessage());
    }

    private static async Task AssertCompilesAsync(Solution solution, string what)
    {
        foreach (Project project in solution.Projects)
        {
            Compilation compilation = (await project.GetCompilationAsync())!;
            Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, $"{what} does not compile:\n{string.Join("\n", errors.Select(e => e.ToString()))}\n\n"
                + string.Join("\n\n", project.Documents.Select(d => d.GetTextAsync().Result.ToString())));
        }
    }

    /// <summary>How many compiler warnings of each id the solution has (at the highest warning level, nullable enabled).</summary>
    private static async Task<Dictionary<string, int>> CompilerWarningsAsync(Solution solution) =>
        (await AllCompilerWarningsAsync(solution)).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());

    private static async Task<List<Diagnostic>> AllCompilerWarningsAsync(Solution solution)
    {
        var warnings = new List<Diagnostic>();
        foreach (Project project in solution.Projects)
        {
            Compilation compilation = (await project.GetCompilationAsync())!;
            warnings.AddRange(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning));
        }

        return warnings;
    }

    private static string Describe(string document, string id, TextSpan span, SourceText text) =>
        $"{id} {document}{text.Lines.GetLinePosition(span.Start)}: {text.ToString(span)}";

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Gives FixAll the analyzer's diagnostics for a document or project.</summary>
    private sealed class SolutionDiagnosticProvider(AnalyzerVerifier verifier) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree tree = (await document.GetSyntaxTreeAsync(cancellationToken))!;
            return (await verifier.GetDiagnosticsAsync(document.Project)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await verifier.GetDiagnosticsAsync(project);

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await verifier.GetDiagnosticsAsync(project)).Where(d => !d.Location.IsInSource);
    }
}
