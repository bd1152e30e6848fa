using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DualStackGen.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackGen.Analyzers.Tests.Fuzz;

/// <summary>
/// The files the fuzz test mutates: every corpus file (LabeledCorpus/**, Corpus/**) and every raw-string source of the
/// rule and fix tests, markup removed. Ordered by name, so that a seed picks the same file on every run.
/// </summary>
internal static class FuzzSeeds
{
    private static readonly Lazy<IReadOnlyList<FuzzSource>> LazyAll = new(Load);

    public static IReadOnlyList<FuzzSource> All => LazyAll.Value;

    private static IReadOnlyList<FuzzSource> Load()
    {
        string project = RepositoryPaths.Combine("tests", "DualStackGen.Analyzers.Tests");
        var sources = new List<FuzzSource>();
        foreach (string folder in new[] { "LabeledCorpus", "Corpus" })
        {
            foreach (string path in Directory.EnumerateFiles(Path.Combine(project, folder), "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(project, path).Replace('\\', '/');
                sources.Add(new FuzzSource(relative, Path.GetDirectoryName(relative)!.Replace('\\', '/'), File.ReadAllText(path)));
            }
        }

        foreach (string folder in new[] { "Rules", "Fixes" })
        {
            foreach (string path in Directory.EnumerateFiles(Path.Combine(project, folder), "*.cs"))
            {
                string relative = Path.GetRelativePath(project, path).Replace('\\', '/');
                SyntaxNode root = CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetRoot();
                foreach (SyntaxToken token in root.DescendantTokens().Where(token => token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)))
                {
                    string text;
                    try
                    {
                        text = Markup.Parse(token.ValueText, "DSG0000").Text;
                    }
                    catch (FormatException)
                    {
                        // A raw string that is not markup (a brace in an expected message): taken as it is.
                        text = token.ValueText;
                    }

                    int line = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    sources.Add(new FuzzSource($"{relative}:{line}", $"{relative}:{line}", text));
                }
            }
        }

        return [.. sources.OrderBy(source => source.Name, StringComparer.Ordinal)];
    }
}
