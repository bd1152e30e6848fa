using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Reports a rule's diagnostic where a person fixes it — the origin of the value — with the sink (the bind, listen or
/// creation it reaches) as <see cref="Diagnostic.AdditionalLocations"/>[0] when the two differ. An origin that reaches
/// several sinks is reported once for each: every diagnostic then names its own sink, whatever order the driver analyzes
/// them in, and FixAll fixes every sink, not only the one analyzed first. One instance per rule and compilation.
/// </summary>
internal sealed class FlowReporter
{
    private const int MaxSinkText = 70;

    private readonly DiagnosticDescriptor _rule;
    private readonly AnalyzerOptions _options;
    private readonly ConcurrentDictionary<(SyntaxTree Origin, TextSpan OriginSpan, SyntaxTree? Sink, TextSpan SinkSpan), byte> _reportedPairs = new();

    [ThreadStatic]
    private static SinkReports? t_sinkReports;

    public FlowReporter(DiagnosticDescriptor rule, AnalyzerOptions options)
    {
        _rule = rule;
        _options = options;
    }

    /// <summary>
    /// Reports at <paramref name="origin"/>; when the origin is in the sink's own body (the sink's expression, a local of
    /// the method), at <paramref name="sinkLocation"/> instead: there the fix rewrites the sink, as it always did.
    /// </summary>
    public void Report(Action<Diagnostic> report, IOperation origin, IOperation sink, Location sinkLocation, ImmutableDictionary<string, string?>? properties, params object?[] arguments) =>
        Report(report, origin, sink, sinkLocation, inSinkLocation: sinkLocation, properties, arguments);

    /// <summary>
    /// Reports at <paramref name="origin"/> wherever it is (DSG0008's first-answer pick, which its fix rewrites even in the
    /// sink's own body), with <paramref name="sinkLocation"/> as the additional location when the two are in different bodies.
    /// </summary>
    public void ReportAtOrigin(Action<Diagnostic> report, IOperation origin, IOperation sink, Location sinkLocation, params object?[] arguments) =>
        Report(report, origin, sink, sinkLocation, inSinkLocation: origin.Syntax.GetLocation(), properties: null, arguments);

    // In the sink's own body, at inSinkLocation once per callback; across bodies, at the origin once per origin and sink,
    // the sink named as the additional location.
    private void Report(Action<Diagnostic> report, IOperation origin, IOperation sink, Location sinkLocation, Location inSinkLocation, ImmutableDictionary<string, string?>? properties, object?[] arguments)
    {
        bool inSink = SameBody(origin, sink) && InSinkStatement(origin, sink);
        Location location = inSink ? inSinkLocation : OriginLocation(origin);
        if (inSink ? !FirstAtSink(sink, location) : GeneratedCode.Contains(location, _options) || !_reportedPairs.TryAdd((location.SourceTree!, location.SourceSpan, sinkLocation.SourceTree, sinkLocation.SourceSpan), 0))
        {
            return;
        }

        report(inSink
            ? Diagnostic.Create(_rule, location, properties, arguments)
            : Diagnostic.Create(_rule, location, [sinkLocation], properties, arguments));
    }

    // A report at the sink comes only from the callback of that sink: the origins of one callback are all the repeats
    // there can be, so they are told apart on the callback's thread, without the lock a shared set takes per report
    // (one per line of a long method of sinks).
    private bool FirstAtSink(IOperation sink, Location location)
    {
        SinkReports reports = t_sinkReports ??= new SinkReports();
        if (reports.Reporter != this || reports.Tree != sink.Syntax.SyntaxTree || reports.Sink != sink.Syntax.Span)
        {
            reports.Reporter = this;
            reports.Tree = sink.Syntax.SyntaxTree;
            reports.Sink = sink.Syntax.Span;
            reports.Reported.Clear();
        }

        if (reports.Reported.Contains(location.SourceSpan))
        {
            return false;
        }

        reports.Reported.Add(location.SourceSpan);
        return true;
    }

    /// <summary>Reports at <paramref name="primary"/>, with the sink as the additional location when the sink's expression does not hold it.</summary>
    public void ReportAt(Action<Diagnostic> report, Location primary, IOperation sink, Location sinkLocation, ImmutableDictionary<string, string?>? properties, params object?[] arguments)
    {
        // Once per place in the sink's own body (two cuts of one IndexOf are one finding); once per place and sink
        // across bodies, like Report, so that each names its own sink whatever order they are analyzed in.
        bool inSink = primary.SourceTree == sink.Syntax.SyntaxTree && OperationFlow.Root(sink).Syntax.Span.Contains(primary.SourceSpan);
        if ((!inSink && GeneratedCode.Contains(primary, _options))
            || !_reportedPairs.TryAdd((primary.SourceTree!, primary.SourceSpan, inSink ? null : sinkLocation.SourceTree, inSink ? default : sinkLocation.SourceSpan), 0))
        {
            return;
        }

        report(inSink
            ? Diagnostic.Create(_rule, primary, properties, arguments)
            : Diagnostic.Create(_rule, primary, [sinkLocation], properties, arguments));
    }

    /// <summary>Whether <paramref name="origin"/> and <paramref name="sink"/> are in one body (operation trees of one body may be distinct objects).</summary>
    /// <remarks>A local function or lambda counts as a body of its own: its code is where the value is chosen.</remarks>
    public static bool SameBody(IOperation origin, IOperation sink) =>
        OperationFlow.Root(origin).Syntax == OperationFlow.Root(sink).Syntax && Function(origin) == Function(sink);

    // An origin written in the sink's own statement (new TcpListener(IPAddress.Any, port)) is fixed by rewriting the
    // sink; one chosen in an earlier statement of the method (var endPoint = new IPEndPoint(IPAddress.Any, port);) is
    // where a person changes it, as an origin in another method is.
    private static bool InSinkStatement(IOperation origin, IOperation sink)
    {
        SyntaxNode statement = (SyntaxNode?)sink.Syntax.FirstAncestorOrSelf<StatementSyntax>() ?? OperationFlow.Root(sink).Syntax;
        return origin.Syntax.SyntaxTree == statement.SyntaxTree && statement.Span.Contains(origin.Syntax.Span);
    }

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
        // The text the tree was parsed from, when it has it: a substring, where printing the node walks its tokens.
        string code = sink.Syntax.SyntaxTree.TryGetText(out SourceText? text) ? text.ToString(sink.Syntax.Span) : sink.Syntax.ToString();
        return $"'{Shorten(code, MaxSinkText)}' in {MemberName(sink.Syntax)}";
    }

    /// <summary><paramref name="code"/> on one line, each run of white space one space, cut to <paramref name="maxLength"/> characters with "...".</summary>
    public static string Shorten(string code, int maxLength)
    {
        var line = new StringBuilder(Math.Min(code.Length, maxLength + 1));
        bool space = false;
        foreach (char c in code)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);

            // One past the limit is enough to know the text must be cut.
            if (line.Length > maxLength)
            {
                break;
            }
        }

        return line.Length > maxLength ? line.ToString(0, maxLength - 3) + "..." : line.ToString();
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

    /// <summary>The sink a thread last reported at, and where: the repeats one callback can make.</summary>
    private sealed class SinkReports
    {
        public FlowReporter? Reporter { get; set; }

        public SyntaxTree? Tree { get; set; }

        public TextSpan Sink { get; set; }

        public List<TextSpan> Reported { get; } = [];
    }
}
