using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Analyzers.Tests.Support;

/// <summary>
/// Source text with the expected diagnostics marked in it: <c>[|code|]</c> for the analyzer's own rule and
/// <c>{|DSG0001:code|}</c> for a named one. Marks may nest.
/// </summary>
internal sealed record Markup(string Text, IReadOnlyList<ExpectedDiagnostic> Expected)
{
    public static Markup Parse(string markup, string defaultId)
    {
        var text = new StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(int Start, string Id)>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (At(markup, i, "[|"))
            {
                open.Push((text.Length, defaultId));
                i++;
            }
            else if (At(markup, i, "{|") && markup.IndexOf(':', i) is var colon and > 0)
            {
                open.Push((text.Length, markup.Substring(i + 2, colon - i - 2)));
                i = colon;
            }
            else if (At(markup, i, "|]") || At(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"A closing mark at {i} has no opening mark.");
                }

                (int start, string id) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, text.Length)));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (open.Count != 0)
        {
            throw new FormatException("An opening mark is never closed.");
        }

        return new Markup(text.ToString(), expected);
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
