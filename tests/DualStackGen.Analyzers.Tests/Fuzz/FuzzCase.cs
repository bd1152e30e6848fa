using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using DualStackGen.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackGen.Analyzers.Tests.Fuzz;

/// <summary>
/// One compilation of the fuzz test, drawn from a seed: a seed file, mutated one to three times, with up to three
/// unmutated companions of its folder (values cross files), sometimes one file marked generated, sometimes analyzed as
/// test code on request, in parallel or not.
/// </summary>
/// <param name="Seed">The seed the case was drawn from.</param>
/// <param name="Files">The documents: path and text.</param>
/// <param name="Mutations">What was done to the seed file, in order.</param>
/// <param name="GeneratedPath">The document marked generated, if any: nothing may be reported in it.</param>
/// <param name="Options">The build properties and .editorconfig keys.</param>
/// <param name="Concurrent">Whether the driver runs the analyzers concurrently.</param>
/// <param name="ParseOptions">The language version.</param>
/// <param name="PerDocument">Whether the analyzers also run one document at a time, as the IDE runs them.</param>
internal sealed record FuzzCase(
    int Seed,
    IReadOnlyList<(string Path, string Text)> Files,
    IReadOnlyList<string> Mutations,
    string? GeneratedPath,
    IReadOnlyDictionary<string, string> Options,
    bool Concurrent,
    CSharpParseOptions ParseOptions,
    bool PerDocument)
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<TypedExpression>> TypedBySource = new(StringComparer.Ordinal);

    private static readonly string[] TypesOfInterest =
    [
        "System.Net.IPAddress", "System.Net.IPEndPoint", "System.Net.EndPoint", "string", "int", "System.Net.Sockets.Socket",
        "System.Net.Sockets.TcpListener", "System.Net.Sockets.UdpClient", "System.Net.Sockets.TcpClient", "System.Net.Sockets.AddressFamily",
        "System.Net.IPAddress[]", "System.Net.IPHostEntry", "System.Net.DnsEndPoint",
    ];

    /// <summary>The document the fuzz test mutated: the first one.</summary>
    public string MutatedText => Files[0].Text;

    /// <summary>Draws the case of <paramref name="seed"/>: the same seed gives the same case as long as the corpus is unchanged.</summary>
    public static FuzzCase Create(int seed)
    {
        var random = new Random(seed);
        IReadOnlyList<FuzzSource> all = FuzzSeeds.All;
        FuzzSource main = all[random.Next(all.Count)];
        CSharpParseOptions parseOptions = new(random.Next(10) == 0 ? LanguageVersion.CSharp8 : LanguageVersion.Latest);

        string text = main.Text;
        var mutations = new List<string>();
        // One mutation half of the time: a single change keeps many inputs compiling, odd but valid.
        int count = random.Next(10) switch { < 5 => 1, < 8 => 2, _ => 3 };
        for (int i = 0; i < count; i++)
        {
            // The type-aware mutations need the expressions' types, known for the unmutated text only.
            IReadOnlyList<TypedExpression> typed = i == 0 ? TypedExpressionsOf(text) : [];
            (text, string description) = SourceMutator.Mutate(text, random, typed, parseOptions);
            mutations.Add(description);
        }

        var files = new List<(string Path, string Text)> { ("/fuzz/" + main.Name.Replace(':', '_'), text) };
        FuzzSource[] companions = [.. all.Where(source => source.Group == main.Group && source != main)];
        for (int i = random.Next(Math.Min(companions.Length, 3) + 1); i > 0; i--)
        {
            FuzzSource companion = companions[random.Next(companions.Length)];
            string path = "/fuzz/" + companion.Name;
            if (files.All(file => file.Path != path))
            {
                files.Add((path, companion.Text));
            }
        }

        string? generatedPath = null;
        if (random.Next(6) == 0)
        {
            int which = random.Next(files.Count);
            (string path, string generatedText) = MarkGenerated(files[which], random);
            files[which] = (path, generatedText);
            generatedPath = path;
            mutations.Add($"{path} marked generated");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (random.Next(4) == 0)
        {
            options["build_property.IsTestProject"] = "true";
            options["dualstackgen_analyze_test_code"] = "true";
        }

        bool concurrent = random.Next(2) == 0;
        return new FuzzCase(seed, files, mutations, generatedPath, options, concurrent, parseOptions, PerDocument: random.Next(4) == 0);
    }

    private static (string Path, string Text) MarkGenerated((string Path, string Text) file, Random random)
    {
        switch (random.Next(3))
        {
            case 0:
                return (file.Path[..^".cs".Length] + ".g.cs", file.Text);
            case 1:
                return (file.Path, "// <auto-generated/>\n" + file.Text);
            default:
                // [GeneratedCode] on every type declared at the top of the file; a file of top-level statements alone is marked by its header.
                SyntaxNode root = CSharpSyntaxTree.ParseText(file.Text).GetRoot();
                BaseTypeDeclarationSyntax[] types = [.. root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>()
                    .Where(type => type.Parent is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                    .OrderByDescending(type => type.SpanStart)];
                if (types.Length == 0)
                {
                    return (file.Path, "// <auto-generated/>\n" + file.Text);
                }

                string text = file.Text;
                foreach (BaseTypeDeclarationSyntax type in types)
                {
                    text = text.Insert(type.SpanStart, "[System.CodeDom.Compiler.GeneratedCode(\"fuzz\", \"1.0\")]\n");
                }

                return (file.Path, text);
        }
    }

    /// <summary>The expressions of <paramref name="text"/> (compiled alone) whose type is one the rules follow.</summary>
    private static IReadOnlyList<TypedExpression> TypedExpressionsOf(string text) => TypedBySource.GetOrAdd(text, static text =>
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Typed",
            [tree, CSharpSyntaxTree.ParseText(GlobalUsings.Source, new CSharpParseOptions(LanguageVersion.Latest))],
            TestReferences.Framework.AddRange(TestReferences.Runtime),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        SemanticModel model = compilation.GetSemanticModel(tree);
        var typed = new List<TypedExpression>();
        foreach (ExpressionSyntax expression in tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>())
        {
            if (expression is TypeSyntax and not IdentifierNameSyntax
                || expression.Parent is AssignmentExpressionSyntax assignment && assignment.Left == expression
                || expression.Parent is MemberAccessExpressionSyntax access && access.Name == expression
                || expression.Parent is ArgumentSyntax { RefKindKeyword.Span.Length: > 0 }
                || expression.FirstAncestorOrSelf<AttributeSyntax>() is not null
                || expression.FirstAncestorOrSelf<ParameterSyntax>() is not null
                || expression is DeclarationExpressionSyntax or LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression })
            {
                continue;
            }

            if (model.GetTypeInfo(expression).Type is { TypeKind: not TypeKind.Error } type
                && model.GetSymbolInfo(expression).Symbol is not ITypeSymbol and not INamespaceSymbol
                && type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) is var name
                && TypesOfInterest.Contains(name))
            {
                typed.Add(new TypedExpression(expression.Span, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
            }
        }

        return typed;
    });
}
