using Xunit;

namespace DualStackGen.Generator.Tests.Fuzz;

/// <summary>
/// Runs the fuzz test alone, after the others: its Parallel.For keeps every thread-pool thread busy for tens of seconds,
/// and the compile-and-run tests' servers, which answer on the same pool, then missed their clients' timeouts.
/// </summary>
[CollectionDefinition(nameof(GeneratorFuzzTests), DisableParallelization = true)]
public sealed class GeneratorFuzzCollection;
