namespace DualStackGen.Analyzers.Tests.Fuzz;

/// <summary>
/// Runs the analyzer fuzz test apart from the other tests: it keeps both cores busy for its whole run, and the hang guard's
/// timeout should measure the analyzers, not a machine shared with the rest of the suite.
/// </summary>
[CollectionDefinition(nameof(AnalyzerFuzzTests), DisableParallelization = true)]
public sealed class AnalyzerFuzzCollection;
