using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DualStackGen.Analyzers.Tests.Support;
using DualStackGen.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DualStackGen.Analyzers.Tests;

/// <summary>Code the analyzers do not expect must not make them throw (an AD0001 in the user's build).</summary>
public sealed class AnalyzerRobustnessTests
{
    [Fact]
    public async Task A_source_declared_server_attribute_with_params_arguments_does_not_throw()
    {
        const string source = """
            using System;

            namespace DualStackGen
            {
                [AttributeUsage(AttributeTargets.Class)]
                public sealed class TcpServerAttribute : Attribute
                {
                    public TcpServerAttribute(params string[] hosts) { }
                }
            }

            [DualStackGen.TcpServer("", "::")]
            public partial class Server { }

            [DualStackGen.TcpServer]
            public partial class NoHost { }
            """;
        Compilation compilation = CSharpCompilation.Create(
            "ParamsAttribute",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(IPv4OnlyAddressFamilyAnalyzer).Assembly.GetTypes()
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        var exceptions = new System.Collections.Generic.List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        Assert.Empty(diagnostics.Select(d => d.ToString()));
    }

    // Found by the fuzz work: ValueFlow recursed once per local copied from a local, without counting a hop, and about
    // 5 500 copies overflowed the stack (which kills the compiler, not just the rule). A short chain is still followed to its origin.
    // The elements of a list are followed the same way (a list copied from a list), under the same bound.
    [Theory]
    [InlineData(100, true, false)]
    [InlineData(20_000, false, false)]
    [InlineData(100, true, true)]
    [InlineData(20_000, false, true)]
    public async Task A_long_chain_of_local_copies_never_overflows_the_stack(int copies, bool reportedAtTheOrigin, bool listOfAddresses)
    {
        string first = listOfAddresses ? "new System.Collections.Generic.List<IPAddress> { IPAddress.Any }" : "IPAddress.Any";
        var source = new System.Text.StringBuilder($"using System.Net;\nusing System.Net.Sockets;\n\nclass Chain\n{{\n    void Listen()\n    {{\n        var a0 = {first};\n");
        for (int i = 1; i < copies; i++)
        {
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"        var a{i} = a{i - 1};\n");
        }

        string last = "a" + (copies - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        source.Append(listOfAddresses
            ? "        foreach (var address in " + last + ") new TcpListener(address, 80).Start();\n    }\n}\n"
            : "        new TcpListener(" + last + ", 80).Start();\n    }\n}\n");
        Compilation compilation = CSharpCompilation.Create(
            "Chain",
            [CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest))],
            TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var exceptions = new System.Collections.Generic.List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(DualStackAnalyzers.All, options).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        if (reportedAtTheOrigin)
        {
            Assert.Contains(diagnostics, d => d.Id == "DSG0002");
        }
    }
}
