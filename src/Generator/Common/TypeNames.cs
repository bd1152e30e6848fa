using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Common;

/// <summary>
/// Compares a type with a full name without formatting it: the parser runs for every server on every edit, and
/// <c>ToDisplayString</c> allocates a string per comparison.
/// </summary>
internal static class TypeNames
{
    /// <param name="type">The type, any nullable reference annotation ignored.</param>
    /// <param name="fullName">A non-generic, non-nested type's name with its namespace, with or without <c>global::</c>.</param>
    public static bool Is(ITypeSymbol? type, string fullName)
    {
        if (type is not INamedTypeSymbol { Arity: 0, ContainingType: null } named)
        {
            return false;
        }

        const string GlobalPrefix = "global::";
        int start = fullName.StartsWith(GlobalPrefix, System.StringComparison.Ordinal) ? GlobalPrefix.Length : 0;
        int end = fullName.Length;
        int dot = fullName.LastIndexOf('.');
        if (!Matches(named.Name, fullName, System.Math.Max(dot + 1, start), end))
        {
            return false;
        }

        INamespaceSymbol? ns = named.ContainingNamespace;
        end = dot;
        while (end > start)
        {
            dot = fullName.LastIndexOf('.', end - 1);
            if (ns is null or { IsGlobalNamespace: true } || !Matches(ns.Name, fullName, System.Math.Max(dot + 1, start), end))
            {
                return false;
            }

            ns = ns.ContainingNamespace;
            end = dot;
        }

        return ns is { IsGlobalNamespace: true };
    }

    private static bool Matches(string name, string fullName, int start, int end) =>
        name.Length == end - start && string.CompareOrdinal(name, 0, fullName, start, name.Length) == 0;
}
