using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Generator.Tests.Support;

/// <summary>
/// Source with the expected diagnostics marked inline, as <c>{|DSG0104:70000|}</c>: the markup is removed and each
/// marked span is remembered with its id. Marks do not nest.
/// </summary>
internal sealed class DiagnosticMarkup
{
    private DiagnosticMarkup(string source, IReadOnlyList<(string Id, TextSpan Span)> expected)
    {
        Source = source;
        Expected = expected;
    }

    public string Source { get; }

    public IReadOnlyList<(string Id, TextSpan Span)> Expected { get; }

    public static DiagnosticMarkup Parse(string markup)
    {
        var source = new StringBuilder();
        var expected = new List<(string, TextSpan)>();
        int i = 0;
        while (i < markup.Length)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                int colon = markup.IndexOf(':', i);
                int end = markup.IndexOf("|}", colon, System.StringComparison.Ordinal);
                string id = markup.Substring(i + 2, colon - i - 2);
                string text = markup.Substring(colon + 1, end - colon - 1);
                expected.Add((id, new TextSpan(source.Length, text.Length)));
                source.Append(text);
                i = end + 2;
            }
            else
            {
                source.Append(markup[i++]);
            }
        }

        return new DiagnosticMarkup(source.ToString(), expected);
    }
}
