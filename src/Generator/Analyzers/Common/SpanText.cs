using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// The text of one node, read in place in its tree's text: searches return positions in the tree, so a match is
/// looked up with <see cref="SyntaxNode.FindToken(int, bool)"/> directly. The precision facts search every type and
/// member declaration a sink is in; copying each declaration's text out of its tree was most of what they allocated.
/// </summary>
internal readonly struct SpanText
{
    private readonly string _text;

    private SpanText(string text, int start, int end)
    {
        _text = text;
        Start = start;
        End = end;
    }

    /// <summary>Gets where the node's text starts in the tree.</summary>
    public int Start { get; }

    /// <summary>Gets where the node's text ends in the tree.</summary>
    public int End { get; }

    /// <summary>The text of <paramref name="node"/> (its span, without leading and trailing trivia).</summary>
    public static SpanText Of(SyntaxNode node) => new(TreeSpelling.Of(node.SyntaxTree).Text, node.Span.Start, node.Span.End);

    /// <summary>Where <paramref name="value"/> first occurs wholly inside the span at or after <paramref name="from"/>, or -1.</summary>
    public int IndexOf(string value, int from)
    {
        from = System.Math.Max(from, Start);
        return from > End - value.Length ? -1 : _text.IndexOf(value, from, End - from, System.StringComparison.Ordinal);
    }

    /// <summary>Where <paramref name="value"/> first occurs in the span, or -1.</summary>
    public int IndexOf(string value) => IndexOf(value, Start);

    /// <summary>Whether <paramref name="value"/> occurs in the span.</summary>
    public bool Contains(string value) => IndexOf(value) >= 0;

    /// <summary>Whether <paramref name="word"/> occurs in the span as a whole word (no identifier character on either side inside the span).</summary>
    public bool SpellsWord(string word)
    {
        for (int at = IndexOf(word); at >= 0; at = IndexOf(word, at + 1))
        {
            if (IsWordAt(at, word.Length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the <paramref name="length"/> characters at <paramref name="at"/> are a whole word of the span.</summary>
    public bool IsWordAt(int at, int length)
    {
        int end = at + length;
        return (at == Start || !IsIdentifierCharacter(_text[at - 1])) && (end == End || !IsIdentifierCharacter(_text[end]));
    }

    /// <summary>Whether the span holds a formatting character (a soft hyphen, a zero-width joiner): in an identifier it is not part of the name, so the text would not show the name.</summary>
    public bool HasFormattingCharacter()
    {
        for (int at = Start; at < End; at++)
        {
            char c = _text[at];
            if (c >= 0x80 && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentifierCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';
}
