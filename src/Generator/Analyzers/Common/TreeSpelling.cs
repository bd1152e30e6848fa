using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Which names a tree's identifiers can spell, answered from one scan of its text: every word of the text counts
/// (comments and strings too), so a name the text does not hold is spelled by no identifier, and a name it holds is a
/// candidate the caller then reads. <see cref="CompilationFlow"/> asks it which trees and bodies to read for a name.
/// </summary>
/// <remarks>
/// The text stands for the identifiers only when an identifier's text is its name: without Unicode escapes, formatting
/// characters (dropped from a name) or surrogates. A tree holding one of those is read by its tokens instead.
/// </remarks>
internal sealed class TreeSpelling
{
    // The text depends on the tree alone: kept as long as the tree lives, across compilations (the IDE reuses trees).
    private static readonly ConditionalWeakTable<SyntaxTree, TreeSpelling> ByTree = new();

    private readonly string? _text;

    // A Bloom filter of the words' hashes, two bits per word in about two bits per character of text: a name is
    // checked against every tree of the compilation, so the check must be cheap and the filter small; a false "may"
    // (about 1 %) costs only the exact look at the tree's bodies that follows.
    private readonly ulong[]? _wordBits;
    private readonly uint _bitMask;
    private readonly HashSet<string>? _identifiers;

    private TreeSpelling(SyntaxTree tree)
    {
        string text = tree.GetText().ToString();
        Text = text;
        int bitCount = 1024;
        while (bitCount < text.Length * 2 && bitCount < (1 << 24))
        {
            bitCount <<= 1;
        }

        var bits = new ulong[bitCount / 64];
        if (TryHashWords(text, bits, (uint)(bitCount - 1)))
        {
            _text = text;
            _wordBits = bits;
            _bitMask = (uint)(bitCount - 1);
        }
        else
        {
            _identifiers = TokenNames(tree.GetRoot());
        }
    }

    /// <summary>Gets the tree's text, made once per tree (the other facts search declarations in it in place).</summary>
    public string Text { get; }

    /// <summary>The spelling of <paramref name="tree"/>.</summary>
    public static TreeSpelling Of(SyntaxTree tree) => ByTree.GetValue(tree, static tree => new TreeSpelling(tree));

    /// <summary>Whether some identifier of the tree can be <paramref name="name"/>; <see langword="false"/> is exact.</summary>
    public bool MaySpell(string name) => _wordBits is null ? _identifiers!.Contains(name) : MayHold(_wordBits, _bitMask, Hash(name, 0, name.Length));

    /// <summary>
    /// Whether an identifier in <paramref name="span"/>, other than the one at <paramref name="excluded"/>, can be
    /// <paramref name="name"/>; <see langword="false"/> is exact. <paramref name="tokens"/> are the identifier names of
    /// the span, read from its tokens when the text cannot answer (made once, on first need).
    /// </summary>
    public bool MaySpellIn(string name, SyntaxNode node, TextSpan excluded, ref HashSet<string>? tokens)
    {
        if (_text is null)
        {
            return System.Threading.LazyInitializer.EnsureInitialized(ref tokens, () => TokenNames(node, excluded))!.Contains(name);
        }

        TextSpan span = node.Span;
        for (int at = _text.IndexOf(name, span.Start, span.Length, System.StringComparison.Ordinal); at >= 0 && at + name.Length <= span.End;
            at = at + 1 < span.End ? _text.IndexOf(name, at + 1, span.End - at - 1, System.StringComparison.Ordinal) : -1)
        {
            int end = at + name.Length;
            if ((excluded.IsEmpty || at != excluded.Start) && (end == _text.Length || !SyntaxFacts.IsIdentifierPartCharacter(_text[end])) && StartsWord(at))
            {
                return true;
            }
        }

        return false;
    }

    // A word starts at the text's start or after a character no identifier holds; also inside a run that begins with a
    // digit, which the lexer splits into a number and an identifier (1abc), so such a run may hold an identifier anywhere.
    private bool StartsWord(int at)
    {
        int start = at;
        while (start > 0 && SyntaxFacts.IsIdentifierPartCharacter(_text![start - 1]))
        {
            start--;
        }

        return start == at || (_text![start] is >= '0' and <= '9');
    }

    private static HashSet<string> TokenNames(SyntaxNode node, TextSpan excluded = default)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (SyntaxToken token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && (excluded.IsEmpty || token.Span != excluded))
            {
                names.Add(token.ValueText);
            }
        }

        return names;
    }

    // One pass over the text: the hash of every maximal run of identifier characters, and, for a run that begins with a
    // digit, of every suffix an identifier could begin at. False when the text is not the identifiers' names.
    private static bool TryHashWords(string text, ulong[] bits, uint mask)
    {
        // Every character of every tree of a compilation goes through here once: the word's hash is built as it is
        // read, and ASCII, nearly all of a C# file, is classified without a call.
        int start = -1;
        uint hash = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool identifierPart;
            if (c < 0x80)
            {
                identifierPart = (uint)((c | 0x20) - 'a') < 26 || (uint)(c - '0') < 10 || c == '_';
                if (c == '\\' && i + 1 < text.Length && text[i + 1] is 'u' or 'U')
                {
                    return false;
                }
            }
            else
            {
                if (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                {
                    return false;
                }

                identifierPart = SyntaxFacts.IsIdentifierPartCharacter(c);
            }

            if (identifierPart)
            {
                if (start < 0)
                {
                    start = i;
                    hash = FnvOffset;
                }

                hash = (hash ^ c) * FnvPrime;
                continue;
            }

            if (start >= 0)
            {
                AddWord(text, start, i, hash, bits, mask);
                start = -1;
            }
        }

        if (start >= 0)
        {
            AddWord(text, start, text.Length, hash, bits, mask);
        }

        return true;
    }

    // A word, and for a run that begins with a digit every suffix an identifier could begin at.
    private static void AddWord(string text, int start, int end, uint hash, ulong[] bits, uint mask)
    {
        Add(bits, mask, hash);
        if (text[start] is >= '0' and <= '9')
        {
            for (int suffix = start + 1; suffix < end; suffix++)
            {
                if (SyntaxFacts.IsIdentifierStartCharacter(text[suffix]))
                {
                    Add(bits, mask, Hash(text, suffix, end - suffix));
                }
            }
        }
    }

    // FNV-1a over the characters: the same for a name and for a word of the text that spells it.
    private static uint Hash(string text, int start, int length)
    {
        uint hash = FnvOffset;
        for (int i = start; i < start + length; i++)
        {
            hash = (hash ^ text[i]) * FnvPrime;
        }

        return hash;
    }

    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    // The filter's two bit positions for a word: the hash itself, and the hash remixed (so that words whose hashes
    // share their low bits still differ in the second position).
    private static uint SecondBit(uint hash) => ((hash >> 16) | (hash << 16)) * 0x9E3779B1u;

    private static void Add(ulong[] bits, uint mask, uint hash)
    {
        uint first = hash & mask;
        uint second = SecondBit(hash) & mask;
        bits[first >> 6] |= 1UL << (int)(first & 63);
        bits[second >> 6] |= 1UL << (int)(second & 63);
    }

    private static bool MayHold(ulong[] bits, uint mask, uint hash)
    {
        uint first = hash & mask;
        uint second = SecondBit(hash) & mask;
        return (bits[first >> 6] & (1UL << (int)(first & 63))) != 0 && (bits[second >> 6] & (1UL << (int)(second & 63))) != 0;
    }
}
