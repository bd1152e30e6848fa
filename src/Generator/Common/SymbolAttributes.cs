using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Common;

/// <summary>Attribute checks the parsers share.</summary>
internal static class SymbolAttributes
{
    private const string ObsoleteAttribute = "global::System.ObsoleteAttribute";
    private const string ExperimentalAttribute = "global::System.Diagnostics.CodeAnalysis.ExperimentalAttribute";

    /// <returns>"Obsolete" or "Experimental" when the symbol (or, with <paramref name="withContainingTypes"/>, a type containing it) is so marked, else <see langword="null"/>.</returns>
    /// <remarks>
    /// Generated code that names such a symbol gets CS0618/CS0619 or the experimental-API error inside the generated
    /// file, where the user can neither see the cause nor suppress it.
    /// </remarks>
    public static string? FindObsoleteOrExperimental(ISymbol symbol, bool withContainingTypes = true)
    {
        for (ISymbol? current = symbol; current is not null; current = withContainingTypes ? current.ContainingType : null)
        {
            foreach (AttributeData attribute in current.GetAttributes())
            {
                if (TypeNames.Is(attribute.AttributeClass, ObsoleteAttribute))
                {
                    return "Obsolete";
                }

                if (TypeNames.Is(attribute.AttributeClass, ExperimentalAttribute))
                {
                    return "Experimental";
                }
            }
        }

        return null;
    }

    public static bool Has(ISymbol symbol, string fullName) =>
        symbol.GetAttributes().Any(attribute => TypeNames.Is(attribute.AttributeClass, fullName));
}
