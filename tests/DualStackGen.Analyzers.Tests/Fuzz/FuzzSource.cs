namespace DualStackGen.Analyzers.Tests.Fuzz;

/// <summary>One seed file of the fuzz test: where it came from (a corpus path, or a rule test's raw string) and its text.</summary>
/// <param name="Name">The corpus path relative to the test project, or the test file and the raw string's line.</param>
/// <param name="Group">Files of one group may reference each other and are compiled together as companions.</param>
/// <param name="Text">The C# source, markup removed.</param>
internal sealed record FuzzSource(string Name, string Group, string Text);
