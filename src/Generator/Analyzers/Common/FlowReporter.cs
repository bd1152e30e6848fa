using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Reports a rule's diagnostic where a person fixes it — the origin of the value — with the sink (the bind, listen or
/// creation it reaches) as <see cref="Diagnostic.AdditionalLocations"/>[0] when the two differ, and once per origin however
/// many sinks it reaches. One instance per rule and compilation.
/// </summary>
internal sealed class FlowReporter
{
    private const int MaxSinkText = 70;

    private readonly DiagnosticDescriptor _rule;
    private readonly ConcurrentDictionary<(SyntaxTree, TextSpan), byte> _reported = new();

    public FlowReporter(DiagnosticDescriptor rule) => _rule = rule;

    /// <summary>
    /// Reports at <paramref name="origin"/>; when the origin is in the sink's own body (the sink's expression, a local of
    /// the method), at <paramref name="sinkLocation"/> instead: there the fix rewrites the sink, as it always did.
    /// </summary>
    public void Report(Action<Diagnostic> report, IOperation origin, IOperation sink, Location sinkLocation, ImmutableDictionary<string, string?>? properties, params object?[] arguments)
    {
        bool inSink = SameBody(origin, sink);
        Location location = inSink ? sinkLocation : OriginLocation(origin);
        if (!_reported.TryAdd((location.SourceTree!, location.SourceSpan), 0))
        {
            return;
        }

        report(inSink
            ? Diagnostic.Create(_rule, location, properties, arguments)
            : Diagnostic.Create(_rule, location, [sinkLocation], properties, arguments));
    }

    /// <summary>Reports at <paramref name="primary"/>, with the sink as the additional location when the sink's expression does not hold it.</summary>
    public void ReportAt(Action<Diagnostic> report, Location primary, IOperation sink, Location sinkLocation, ImmutableDictionary<string, string?>? properties, params object?[] arguments)
    {
        if (!_reported.TryAdd((primary.SourceTree!, primary.SourceSpan), 0))
        {
            return;
        }

        bool inSink = primary.SourceTree == sink.Syntax.SyntaxTree && OperationFlow.Root(sink).Syntax.Span.Contains(primary.SourceSpan);
        report(inSink
            ? Diagnostic.Create(_rule, primary, properties, arguments)
            : Diagnostic.Create(_rule, primary, [sinkLocation], properties, arguments));
    }

    /// <summary>Whether <paramref name="origin"/> and <paramref name="sink"/> are in one body (operation trees of one body may be distinct objects).</summary>
    /// <remarks>A local function or lambda counts as a body of its own: its code is where the value is chosen.</remarks>
    public static bool SameBody(IOperation origin, IOperation sink) =>
        OperationFlow.Root(origin).Syntax == OperationFlow.Root(sink).Syntax && Function(origin) == Function(sink);

    private static SyntaxNode? Function(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ILocalFunctionOperation or IAnonymousFunctionOperation)
            {
                return parent.Syntax;
            }
        }

        return null;
    }

    /// <summary>The sink named as a person reads it: its code and the member it is in, <c>'new TcpListener(_address, _port)' in Server.Start</c>.</summary>
    public static string Describe(IOperation sink)
    {
        string text = string.Join(" ", sink.Syntax.ToString().Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > MaxSinkText)
        {
            text = text.Substring(0, MaxSinkText - 3) + "...";
        }

        return $"'{text}' in {MemberName(sink.Syntax)}";
    }

    private static Location OriginLocation(IOperation origin)
    {
        if (origin.Syntax is ForEachStatementSyntax loop)
        {
            return Location.Create(loop.SyntaxTree, TextSpan.FromBounds(loop.ForEachKeyword.SpanStart, loop.CloseParenToken.Span.End));
        }

        return origin.Syntax.GetLocation();
    }

    private static string MemberName(SyntaxNode node)
    {
        string? member = null;
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            member ??= ancestor switch
            {
                MethodDeclarationSyntax method => method.Identifier.ValueText,
                ConstructorDeclarationSyntax => "constructor",
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                LocalFunctionStatementSyntax local => local.Identifier.ValueText,
                FieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText,
                _ => null,
            };
            if (ancestor is BaseTypeDeclarationSyntax type)
            {
                return member is null ? type.Identifier.ValueText : type.Identifier.ValueText + "." + member;
            }
        }

        return member ?? "the top-level statements";
    }
}
