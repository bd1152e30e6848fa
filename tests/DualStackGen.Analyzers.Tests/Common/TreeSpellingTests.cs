using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.Generator.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackGen.Analyzers.Tests.Common;

/// <summary>
/// The compilation-wide flow asks every tree whether it can spell a name before it reads the tree: a "no" for a name
/// the tree holds would hide an assignment or a call site from the rules, and a filter that says "may" too often would
/// make every query read every tree. Checked on the repository's own sources, real code of every size.
/// </summary>
public sealed class TreeSpellingTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_identifier_of_a_tree_is_spelled_by_it_and_most_names_it_lacks_are_not()
    {
        string[] paths = [.. Directory.EnumerateFiles(RepositoryPaths.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
        SyntaxTree[] trees = [.. paths.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path))];
        HashSet<string>[] names = [.. trees.Select(tree => tree.GetRoot().DescendantTokens().Where(token => token.IsKind(SyntaxKind.IdentifierToken)).Select(token => token.ValueText).ToHashSet(StringComparer.Ordinal))];
        string[] vocabulary = [.. names.SelectMany(set => set).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

        int absentAsked = 0;
        int absentMaybe = 0;
        for (int i = 0; i < trees.Length; i++)
        {
            TreeSpelling spelling = TreeSpelling.Of(trees[i]);
            foreach (string name in names[i])
            {
                Assert.True(spelling.MaySpell(name), $"{paths[i]} holds the identifier '{name}' but its spelling says it cannot");
            }

            // Names of other files that this one's text does not hold at all (as an identifier, a word of a comment or
            // a string): the filter may say "may" for few of them.
            string text = trees[i].GetText().ToString();
            foreach (string name in vocabulary.Where(name => !text.Contains(name, StringComparison.Ordinal)))
            {
                absentAsked++;
                absentMaybe += spelling.MaySpell(name) ? 1 : 0;
            }
        }

        double falseMaybe = (double)absentMaybe / absentAsked;
        output.WriteLine($"{trees.Length} files, {vocabulary.Length} names; a name a file lacks got \"may\" in {falseMaybe:P2} of {absentAsked} checks");
        Assert.True(falseMaybe < 0.05, $"the filter said \"may\" for {falseMaybe:P2} of the names a file lacks");
    }
}
