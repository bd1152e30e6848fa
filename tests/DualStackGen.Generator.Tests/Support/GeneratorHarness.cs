extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using GeneratorAssembly::DualStackGen.Generator.Servers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackGen.Generator.Tests.Support;

/// <summary>Compiles user code in memory against the real runtime assembly and runs the server generator on it.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// The framework (this process's platform assemblies from the shared runtime folder) plus the runtime library and
    /// its dependencies from the test's output folder, as a project referencing DualStackGen would see them. On
    /// net10.0 System.IO.Pipelines is part of the framework, so it is only taken from the output folder when there.
    /// </summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    /// <summary>
    /// <see cref="References"/> plus every Microsoft.Extensions assembly in the test's output folder (Hosting,
    /// DependencyInjection, Configuration and their abstractions), as a project referencing Microsoft.Extensions.Hosting
    /// would see them: the generator then emits the hosting glue.
    /// </summary>
    public static ImmutableArray<MetadataReference> HostingReferences { get; } = LoadHostingReferences();

    public static CSharpCompilation CreateCompilation(OutputKind kind, params string[] sources) =>
        CreateCompilation(kind, References, sources);

    public static CSharpCompilation CreateCompilation(OutputKind kind, ImmutableArray<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            "UserCode",
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/user/Source{index}.cs")),
            references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static CSharpCompilation CreateHostingCompilation(params string[] sources) =>
        CreateCompilation(OutputKind.DynamicallyLinkedLibrary, HostingReferences, sources);

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(OutputKind.DynamicallyLinkedLibrary, sources);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new ServerGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(Compilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, driverDiagnostics);
    }

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>Runs the generator on sources compiled with <see cref="HostingReferences"/>.</summary>
    public static GeneratorRun RunWithHosting(params string[] sources) => Run(CreateHostingCompilation(sources));

    /// <summary>The usings a handler needs, put before each source by <see cref="RunWithUsings"/>.</summary>
    public const string HandlerUsings = """
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        """;

    /// <summary>Runs the generator on sources that start with <see cref="HandlerUsings"/>, asserting it did not throw.</summary>
    public static GeneratorRun RunWithUsings(params string[] sources) =>
        Run([.. sources.Select(source => HandlerUsings + source)]).AssertGeneratorDidNotThrow();

    private static ImmutableArray<MetadataReference> LoadHostingReferences()
    {
        string[] already = [.. References.Select(reference => Path.GetFileName(reference.Display!))];
        IEnumerable<MetadataReference> extensions = Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll")
            .Where(path => !already.Contains(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return [.. References, .. extensions];
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] library = [.. new[] { "DualStackGen.Runtime.dll", "Microsoft.Extensions.Logging.Abstractions.dll", "System.IO.Pipelines.dll" }
            .Select(name => Path.Combine(AppContext.BaseDirectory, name))
            .Where(File.Exists)];
        IEnumerable<string> framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Where(path => !library.Any(local => Path.GetFileName(local) == Path.GetFileName(path)));
        return [.. framework.Concat(library).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
