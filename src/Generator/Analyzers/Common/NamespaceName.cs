using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// A namespace compared with its dotted name part by part, without building the name: the rules ask it of the
/// containing namespace of every method they meet, and <see cref="ISymbol.ToDisplayString(SymbolDisplayFormat?)"/>
/// would allocate a string each time.
/// </summary>
internal static class NamespaceName
{
    /// <summary>Whether <paramref name="namespaceSymbol"/> is the namespace <paramref name="dotted"/> (<c>"System.Net"</c>).</summary>
    public static bool Is(INamespaceSymbol? namespaceSymbol, string dotted)
    {
        int end = dotted.Length;
        for (INamespaceSymbol? part = namespaceSymbol; part is { IsGlobalNamespace: false }; part = part.ContainingNamespace)
        {
            string name = part.Name;
            int start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(dotted, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            if (start == 0)
            {
                return part.ContainingNamespace is null or { IsGlobalNamespace: true };
            }

            if (dotted[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
        }

        return false;
    }

    /// <summary>Whether <paramref name="namespaceSymbol"/> is <paramref name="dotted"/> or a namespace inside it.</summary>
    public static bool IsWithin(INamespaceSymbol? namespaceSymbol, string dotted)
    {
        for (INamespaceSymbol? part = namespaceSymbol; part is { IsGlobalNamespace: false }; part = part.ContainingNamespace)
        {
            if (Is(part, dotted))
            {
                return true;
            }
        }

        return false;
    }
}
