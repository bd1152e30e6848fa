using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Analyzers.Tests.Fuzz;

/// <summary>An expression of a seed file whose type the compiler knows: what the type-aware mutations wrap.</summary>
/// <param name="Span">The expression's span in the unmutated text.</param>
/// <param name="TypeName">Its type, fully qualified, as C# spells it.</param>
internal sealed record TypedExpression(TextSpan Span, string TypeName);
