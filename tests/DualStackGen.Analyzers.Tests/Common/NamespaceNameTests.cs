using System.Linq;
using DualStackGen.Generator.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DualStackGen.Analyzers.Tests.Common;

/// <summary>The rules recognise library types by namespace; a wrong answer would make a rule follow or skip the wrong calls.</summary>
public sealed class NamespaceNameTests
{
    private static readonly Compilation Compilation = CSharpCompilation.Create(
        "Names",
        [CSharpSyntaxTree.ParseText("namespace System.Netting { class A { } } namespace Net { class B { } } namespace Other.System.Net { class C { } }")],
        [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(System.Net.IPAddress).Assembly.Location)]);

    private static INamespaceSymbol NamespaceOf(string metadataName) =>
        (Compilation.GetTypeByMetadataName(metadataName) ?? throw new System.InvalidOperationException(metadataName)).ContainingNamespace;

    [Theory]
    [InlineData("System.Net.IPAddress", "System.Net", true)]
    [InlineData("System.Net.IPAddress", "System", false)]
    [InlineData("System.Net.IPAddress", "Net", false)]
    [InlineData("System.Net.IPAddress", "System.Net.Sockets", false)]
    [InlineData("System.Net.IPAddress", "ystem.Net", false)]
    [InlineData("System.Netting.A", "System.Net", false)]
    [InlineData("Net.B", "Net", true)]
    [InlineData("Other.System.Net.C", "System.Net", false)]
    [InlineData("Other.System.Net.C", "Other.System.Net", true)]
    [InlineData("System.String", "System", true)]
    public void A_namespace_is_its_whole_dotted_name_only(string type, string dotted, bool expected) =>
        Assert.Equal(expected, NamespaceName.Is(NamespaceOf(type), dotted));

    [Theory]
    [InlineData("System.Collections.Generic.List`1", "System.Collections", true)]
    [InlineData("System.Collections.Generic.List`1", "System.Collections.Generic", true)]
    [InlineData("System.Collections.Generic.List`1", "System", true)]
    [InlineData("System.Collections.Generic.List`1", "Collections", false)]
    [InlineData("System.Net.IPAddress", "System.Collections", false)]
    [InlineData("Other.System.Net.C", "System", false)]
    public void A_namespace_is_within_each_namespace_that_encloses_it(string type, string dotted, bool expected) =>
        Assert.Equal(expected, NamespaceName.IsWithin(NamespaceOf(type), dotted));

    [Fact]
    public void The_global_namespace_is_no_named_namespace() =>
        Assert.False(NamespaceName.Is(Compilation.GlobalNamespace, "System") || NamespaceName.IsWithin(Compilation.GlobalNamespace, "System") || Compilation.GlobalNamespace.GetNamespaceMembers().All(ns => !NamespaceName.Is(ns, ns.Name)));
}
