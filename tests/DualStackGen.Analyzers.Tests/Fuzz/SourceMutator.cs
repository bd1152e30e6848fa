using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DualStackGen.Analyzers.Tests.Fuzz;

/// <summary>
/// One random change to a C# file, valid-but-odd or broken: a token, statement or tail deleted, a member duplicated,
/// arguments swapped, an expression replaced by an odd one, a type changed, a statement wrapped, a member made
/// expression-bodied, partial, generic, a record, a <c>file</c> type, top-level statements, and recursion through
/// helpers, properties, fields and assignment cycles (the likeliest hang in inter-procedural flow). Each change is
/// described in words, so that a failing case can be read and reproduced.
/// </summary>
internal sealed class SourceMutator
{
    private static readonly string[] ExpressionTemplates =
    [
        "default", "null", "null!", "(dynamic){0}", "(dynamic)x", "__arglist({0})", "(() => {0})", "((System.Func<object>)(() => {0}))()",
        "throw new System.InvalidOperationException()", "({0} switch {{ null => {0}, var v => v }})", "$\"{{{0}}}:{{1}}\"",
        "stackalloc byte[16]", "({0}, {0})", "({0}, 1).Item1", "{0}!", "({0} ?? {0})", "(true ? {0} : default)", "checked({0})",
        "(object){0}", "nameof({0})", "typeof(int)", "{0}.ToString()", "System.Net.IPAddress.Any", "System.Net.IPAddress.IPv6Any",
        "System.Net.IPAddress.Loopback", "System.Net.IPAddress.Parse(\"0.0.0.0\")", "\"\"", "\"::\"", "\"*\"", "0",
        "System.Net.Sockets.AddressFamily.InterNetwork", "new System.Net.IPEndPoint(System.Net.IPAddress.Any, 0)",
        "({0} is {{ }} fuzzV ? fuzzV : {0})", "(({0}) is not null ? {0} : default!)", "await System.Threading.Tasks.Task.FromResult({0})",
        "new[] {{ {0} }}[0]", "ref {0}", "out var fuzzOut", "(x => {0})", "async () => {0}", "base.{0}", "this",
    ];

    private static readonly (string From, string To)[] TypeChanges =
    [
        ("IPAddress", "string"), ("IPAddress", "object"), ("IPAddress", "IPAddress?"), ("IPAddress", "dynamic"), ("IPAddress", "IPAddress[]"),
        ("Socket", "object"), ("Socket", "Socket?"), ("TcpListener", "object"), ("UdpClient", "System.IDisposable"), ("IPEndPoint", "EndPoint"),
        ("IPEndPoint", "string"), ("EndPoint", "IPEndPoint"), ("int", "string"), ("int", "long"), ("int", "int?"), ("string", "IPAddress"),
        ("string", "string?"), ("string", "object"), ("string", "ReadOnlySpan<char>"), ("AddressFamily", "int"), ("var", "dynamic"),
        ("bool", "bool?"), ("Task", "void"), ("void", "int"),
    ];

    private static readonly string[] StatementWrappers =
    [
        "unsafe {{ {0} }}", "checked {{ {0} }}", "unchecked {{ {0} }}", "lock (this) {{ {0} }}", "lock (typeof(object)) {{ {0} }}",
        "void FuzzLocal() {{ {0} }} FuzzLocal();", "static void FuzzStatic() {{ {0} }} FuzzStatic();",
        "System.Action fuzzAction = () => {{ {0} }}; fuzzAction();",
        "System.Func<System.Threading.Tasks.Task> fuzzAsync = async () => {{ await System.Threading.Tasks.Task.Yield(); {0} }}; _ = fuzzAsync();",
        "if (System.Environment.TickCount > 0) {{ {0} }} else {{ {0} }}", "while (true) {{ {0} break; }}", "for (;;) {{ {0} }}",
        "try {{ {0} }} catch (System.Exception) when (true) {{ throw; }} finally {{ }}", "using (null as System.IDisposable) {{ {0} }}",
        "{{ {0} }}", "switch (0) {{ case 0: {0} break; }}", "foreach (var fuzzItem in new int[1]) {{ {0} }}", "do {{ {0} }} while (false);",
        "goto fuzzLabel; fuzzLabel: {0}", "{0} {0}",
    ];

    private readonly Random _random;
    private readonly SourceText _text;
    private readonly CompilationUnitSyntax _root;
    private readonly IReadOnlyList<TypedExpression> _typed;

    private SourceMutator(string text, Random random, IReadOnlyList<TypedExpression> typed, CSharpParseOptions options)
    {
        _random = random;
        _text = SourceText.From(text);
        _root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(_text, options).GetRoot();
        _typed = typed;
    }

    /// <summary>
    /// Applies one mutation to <paramref name="text"/>. <paramref name="typed"/> lists the typed expressions of this very
    /// text (empty when unknown: the type-aware mutations are then not tried).
    /// </summary>
    public static (string Text, string Description) Mutate(string text, Random random, IReadOnlyList<TypedExpression> typed, CSharpParseOptions options)
    {
        var mutator = new SourceMutator(text, random, typed, options);
        Func<(string, string)?>[] mutations =
        [
            mutator.DeleteToken, mutator.Truncate, mutator.DeleteStatement, mutator.DuplicateMember, mutator.SwapArguments,
            mutator.ReplaceExpression, mutator.ReplaceExpression, mutator.ChangeType, mutator.WrapStatement, mutator.ExpressionBodied,
            mutator.SplitPartial, mutator.MakeGeneric, mutator.ParameterModifier, mutator.PatternCondition, mutator.TopLevel,
            mutator.TypeKind, mutator.PrimaryConstructor, mutator.FileType, mutator.SelfCall, mutator.MutualCall, mutator.ConstructorCycle,
            mutator.ReplaceIdentifier,
        ];
        Func<(string, string)?>[] typedMutations =
        [
            mutator.RecursiveHelper, mutator.MutualHelpers, mutator.SelfProperty, mutator.PropertyPair, mutator.SelfField, mutator.CyclicFields,
            mutator.CyclicLocals, mutator.RecursiveLambda, mutator.RecursiveLocalFunction, mutator.TypedReplace, mutator.LongChain,
        ];
        for (int attempt = 0; attempt < 16; attempt++)
        {
            bool useTyped = typed.Count > 0 && random.Next(2) == 0;
            Func<(string, string)?> mutation = useTyped ? typedMutations[random.Next(typedMutations.Length)] : mutations[random.Next(mutations.Length)];
            if (mutation() is { } result)
            {
                return result;
            }
        }

        return mutator.Truncate()!.Value;
    }

    private T? Pick<T>(IEnumerable<T> items)
        where T : class
    {
        List<T> list = items as List<T> ?? [.. items];
        return list.Count == 0 ? null : list[_random.Next(list.Count)];
    }

    private T PickOf<T>(T[] items) => items[_random.Next(items.Length)];

    private (string, string) Edit(string what, params TextChange[] changes)
    {
        TextChange first = changes.OrderBy(change => change.Span.Start).First();
        int line = _text.Lines.GetLineFromPosition(Math.Min(first.Span.Start, _text.Length)).LineNumber + 1;
        string removed = string.Join(" | ", changes.Where(c => c.Span.Length > 0).Select(c => Short(_text.ToString(c.Span))));
        string added = string.Join(" | ", changes.Where(c => c.NewText is { Length: > 0 }).Select(c => Short(c.NewText!)));
        return (_text.WithChanges(changes).ToString(), $"{what} at line {line}: `{removed}` -> `{added}`");
    }

    private static string Short(string text)
    {
        string flat = string.Join(" ", text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 120 ? flat : flat[..117] + "...";
    }

    private static string Format(string template, string value) => string.Format(CultureInfo.InvariantCulture, template, value);

    private (string, string)? DeleteToken()
    {
        SyntaxToken[] tokens = [.. _root.DescendantTokens().Where(token => token.Span.Length > 0)];
        if (tokens.Length == 0)
        {
            return null;
        }

        SyntaxToken token = tokens[_random.Next(tokens.Length)];
        return Edit("delete token", new TextChange(token.Span, string.Empty));
    }

    private (string, string)? Truncate()
    {
        int at = _random.Next(_text.Length + 1);
        return (_text.ToString(new TextSpan(0, at)), $"truncate at offset {at} of {_text.Length} (line {_text.Lines.GetLineFromPosition(at).LineNumber + 1})");
    }

    private (string, string)? DeleteStatement() =>
        Pick(_root.DescendantNodes().OfType<StatementSyntax>().Where(s => s is not BlockSyntax || s.Parent is not BaseMethodDeclarationSyntax)) is { } statement
            ? Edit("delete statement", new TextChange(statement.Span, string.Empty))
            : null;

    private (string, string)? DuplicateMember() =>
        Pick(_root.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => m.Parent is TypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)) is { } member
            ? Edit("duplicate member", new TextChange(new TextSpan(member.FullSpan.End, 0), member.ToFullString()))
            : null;

    private (string, string)? SwapArguments()
    {
        ArgumentListSyntax[] lists = [.. _root.DescendantNodes().OfType<ArgumentListSyntax>().Where(list => list.Arguments.Count > 0)];
        if (lists.Length == 0)
        {
            return null;
        }

        ArgumentListSyntax one = lists[_random.Next(lists.Length)];
        if (_random.Next(2) == 0 && one.Arguments.Count > 1)
        {
            string reversed = "(" + string.Join(", ", one.Arguments.Reverse().Select(a => a.ToString())) + ")";
            return Edit("reverse arguments", new TextChange(one.Span, reversed));
        }

        ArgumentListSyntax other = lists[_random.Next(lists.Length)];
        if (other == one || other.Span.OverlapsWith(one.Span) || one.Span.Contains(other.Span) || other.Span.Contains(one.Span))
        {
            return Edit("drop arguments", new TextChange(one.Span, "()"));
        }

        return Edit("swap argument lists", new TextChange(one.Span, other.ToString()), new TextChange(other.Span, one.ToString()));
    }

    private IEnumerable<ExpressionSyntax> Expressions() =>
        _root.DescendantNodes().OfType<ExpressionSyntax>().Where(e => e is not TypeSyntax || e is IdentifierNameSyntax { Parent: not QualifiedNameSyntax });

    private (string, string)? ReplaceExpression()
    {
        if (Pick(Expressions()) is not { } expression)
        {
            return null;
        }

        string replacement = Format(PickOf(ExpressionTemplates), expression.ToString());
        return Edit("replace expression", new TextChange(expression.Span, replacement));
    }

    private (string, string)? ChangeType()
    {
        (string from, string to) = PickOf(TypeChanges);
        TypeSyntax[] types = [.. _root.DescendantNodes().OfType<TypeSyntax>().Where(t => t is IdentifierNameSyntax or PredefinedTypeSyntax && t.ToString() == from && IsTypePosition(t))];
        if (types.Length == 0)
        {
            return null;
        }

        if (_random.Next(3) == 0)
        {
            return Edit($"change every {from} to {to}", [.. types.Select(t => new TextChange(t.Span, to))]);
        }

        return Edit($"change type {from} to {to}", new TextChange(types[_random.Next(types.Length)].Span, to));
    }

    private static bool IsTypePosition(TypeSyntax type) => type.Parent is VariableDeclarationSyntax or ParameterSyntax or PropertyDeclarationSyntax
        or MethodDeclarationSyntax or ObjectCreationExpressionSyntax or CastExpressionSyntax or TypeArgumentListSyntax or ArrayTypeSyntax
        or NullableTypeSyntax or DeclarationExpressionSyntax or ForEachStatementSyntax or LocalFunctionStatementSyntax;

    private (string, string)? WrapStatement()
    {
        if (Pick(_root.DescendantNodes().OfType<StatementSyntax>().Where(s => s.Parent is BlockSyntax or GlobalStatementSyntax)) is not { } statement)
        {
            return null;
        }

        return Edit("wrap statement", new TextChange(statement.Span, Format(PickOf(StatementWrappers), statement.ToString())));
    }

    private (string, string)? ExpressionBodied()
    {
        BlockSyntax? body = Pick(_root.DescendantNodes().OfType<BlockSyntax>().Where(b => b.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax));
        if (body is null)
        {
            return null;
        }

        string expression = body.Statements.Count == 1
            ? body.Statements[0] switch
            {
                ReturnStatementSyntax { Expression: { } returned } => returned.ToString(),
                ExpressionStatementSyntax statement => statement.Expression.ToString(),
                ThrowStatementSyntax { Expression: { } thrown } => "throw " + thrown,
                _ => "throw null!",
            }
            : _random.Next(2) == 0 ? "throw null!" : "default!";
        return Edit("make expression-bodied", new TextChange(body.Span, "=> " + expression + ";"));
    }

    private (string, string)? SplitPartial()
    {
        if (Pick(_root.DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.OpenBraceToken.Span.Length > 0 && t.CloseBraceToken.Span.Length > 0)) is not { } type)
        {
            return null;
        }

        string partial = type.Modifiers.Any(SyntaxKind.PartialKeyword) ? string.Empty : "partial ";
        TextChange addPartial = new(new TextSpan(type.Keyword.SpanStart, 0), partial);
        if (type.Members.Count < 2 || _random.Next(3) == 0)
        {
            return Edit("add partial", addPartial);
        }

        // The second half of the members moves into another part of the type, after the first.
        int split = _random.Next(1, type.Members.Count);
        var moved = TextSpan.FromBounds(type.Members[split].FullSpan.Start, type.Members[^1].FullSpan.End);
        string keyword = type is RecordDeclarationSyntax record ? "record " + (record.ClassOrStructKeyword.Text + " ").TrimStart() : type.Keyword.Text + " ";
        string secondPart = $"\n{type.Modifiers.ToString().Replace("sealed", string.Empty, StringComparison.Ordinal).Replace("static", string.Empty, StringComparison.Ordinal)} partial {keyword}{type.Identifier.Text}{type.TypeParameterList}\n{{\n{_text.ToString(moved)}\n}}\n";
        return Edit("split into partial parts", addPartial, new TextChange(moved, string.Empty), new TextChange(new TextSpan(type.Span.End, 0), secondPart));
    }

    private (string, string)? MakeGeneric()
    {
        if (_random.Next(2) == 0 && Pick(_root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.TypeParameterList is null)) is { } method)
        {
            string constraint = _random.Next(2) == 0 ? " where TFuzz : System.Net.IPAddress" : string.Empty;
            return Edit("make method generic", new TextChange(new TextSpan(method.Identifier.Span.End, 0), "<TFuzz>"),
                new TextChange(new TextSpan(method.ParameterList.Span.End, 0), constraint));
        }

        if (Pick(_root.DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.TypeParameterList is null)) is { } type)
        {
            return Edit("make type generic", new TextChange(new TextSpan(type.Identifier.Span.End, 0), _random.Next(2) == 0 ? "<TFuzz>" : "<TFuzz, TOther>"));
        }

        return null;
    }

    private (string, string)? ParameterModifier()
    {
        string modifier = PickOf(["ref ", "out ", "in ", "params ", "this ", "scoped ", "ref readonly ", "[System.Diagnostics.CodeAnalysis.NotNull] "]);
        if (_random.Next(3) == 0 && Pick(_root.DescendantNodes().OfType<ArgumentSyntax>().Where(a => a.RefKindKeyword.Span.Length == 0)) is { } argument)
        {
            return Edit("add argument modifier", new TextChange(new TextSpan(argument.SpanStart, 0), modifier.StartsWith('[') ? "ref " : modifier));
        }

        return Pick(_root.DescendantNodes().OfType<ParameterSyntax>().Where(p => p.Type is not null)) is { } parameter
            ? Edit("add parameter modifier", new TextChange(new TextSpan(parameter.Type!.SpanStart, 0), modifier))
            : null;
    }

    private (string, string)? PatternCondition()
    {
        ExpressionSyntax? condition = Pick(_root.DescendantNodes().Select(n => n switch
        {
            IfStatementSyntax s => s.Condition,
            WhileStatementSyntax s => s.Condition,
            ConditionalExpressionSyntax c => c.Condition,
            _ => null,
        }).OfType<ExpressionSyntax>());
        if (condition is not null && _random.Next(2) == 0)
        {
            string replacement = PickOf(["({0}) is not false", "({0}) is true and not false", "({0}) switch {{ true => true, _ => false }}", "!!({0})", "({0}) is var fuzzB && fuzzB"]);
            return Edit("pattern condition", new TextChange(condition.Span, Format(replacement, condition.ToString())));
        }

        if (Pick(Expressions().Where(e => e is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax)) is not { } expression)
        {
            return null;
        }

        string pattern = PickOf(["({0} is not null ? {0} : {0})", "({0} is {{ }} fuzzP ? fuzzP : {0})", "({0} switch {{ {{ }} fuzzS => fuzzS, null => {0} }})", "({0} is var fuzzVar ? fuzzVar : {0})"]);
        return Edit("pattern on expression", new TextChange(expression.Span, Format(pattern, expression.ToString())));
    }

    private (string, string)? TopLevel()
    {
        // A method's statements become the file's top-level statements, ahead of every declaration.
        if (Pick(_root.DescendantNodes().OfType<BaseMethodDeclarationSyntax>().Where(m => m.Body is { Statements.Count: > 0 })) is not { } method)
        {
            return null;
        }

        int at = _root.Members.FirstOrDefault()?.FullSpan.Start ?? _text.Length;
        string statements = string.Join("\n", method.Body!.Statements.Select(s => s.ToString()));
        return Edit("copy a body to top-level statements", new TextChange(new TextSpan(at, 0), statements + "\n"));
    }

    private (string, string)? TypeKind()
    {
        if (Pick(_root.DescendantNodes().OfType<ClassDeclarationSyntax>()) is not { } type)
        {
            return null;
        }

        return Edit("change type kind", new TextChange(type.Keyword.Span, PickOf(["record", "record class", "record struct", "struct", "readonly struct", "interface", "static class", "ref struct"])));
    }

    private (string, string)? PrimaryConstructor()
    {
        if (Pick(_root.DescendantNodes().OfType<TypeDeclarationSyntax>().Where(t => t.ParameterList is null && t.OpenBraceToken.Span.Length > 0)) is not { } type)
        {
            return null;
        }

        string parameters = PickOf(["(System.Net.IPAddress address, int port)", "(string host)", "(System.Net.IPAddress? address = null)", "(params string[] hosts)", "()"]);
        string member = parameters.Contains("address", StringComparison.Ordinal)
            ? "\n    private readonly System.Net.IPAddress? _fuzzPrimary = address;\n    public System.Net.Sockets.TcpListener FuzzListen() => new System.Net.Sockets.TcpListener(address!, 0);\n"
            : string.Empty;
        int at = (type.TypeParameterList?.Span ?? type.Identifier.Span).End;
        return Edit("add primary constructor", new TextChange(new TextSpan(at, 0), parameters), new TextChange(new TextSpan(type.OpenBraceToken.Span.End, 0), member));
    }

    private (string, string)? FileType()
    {
        if (Pick(_root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Where(t => t.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)) is not { } type)
        {
            return null;
        }

        SyntaxToken visibility = type.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword));
        return visibility.Span.Length > 0
            ? Edit("make a file type", new TextChange(visibility.Span, "file"))
            : Edit("make a file type", new TextChange(new TextSpan(type.SpanStart, 0), "file "));
    }

    private static string ArgumentsFor(BaseMethodDeclarationSyntax method) => string.Join(", ", method.ParameterList.Parameters.Select(p =>
        (p.Modifiers.Any(SyntaxKind.RefKeyword) ? "ref " : p.Modifiers.Any(SyntaxKind.OutKeyword) ? "out " : string.Empty) + p.Identifier.Text));

    private (string, string)? SelfCall()
    {
        // A method that calls itself with its own parameters (the address among them), before it does anything else.
        if (Pick(_root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.Body is not null && m.ParameterList.Parameters.Count > 0)) is not { } method)
        {
            return null;
        }

        string call = $"if (System.Environment.TickCount == 42) {{ {method.Identifier.Text}({ArgumentsFor(method)}); }}";
        return Edit("make a method call itself", new TextChange(new TextSpan(method.Body!.OpenBraceToken.Span.End, 0), call));
    }

    private (string, string)? MutualCall()
    {
        // The method's copy under another name, each calling the other with the same arguments.
        if (Pick(_root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.Body is not null && m.Parent is TypeDeclarationSyntax)) is not { } method)
        {
            return null;
        }

        string name = method.Identifier.Text;
        string arguments = ArgumentsFor(method);
        string copy = method.WithIdentifier(SyntaxFactory.Identifier(name + "Fuzz")).ToFullString();
        int open = copy.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        copy = copy[..(open + 1)] + $" if (System.Environment.TickCount == 42) {{ {name}({arguments}); }}" + copy[(open + 1)..];
        return Edit("mutual recursion between two methods",
            new TextChange(new TextSpan(method.Body!.OpenBraceToken.Span.End, 0), $"if (System.Environment.TickCount == 43) {{ {name}Fuzz({arguments}); }}"),
            new TextChange(new TextSpan(method.FullSpan.End, 0), copy));
    }

    private (string, string)? ConstructorCycle()
    {
        if (Pick(_root.DescendantNodes().OfType<ConstructorDeclarationSyntax>().Where(c => c.Initializer is null && c.ParameterList.Parameters.Count > 0)) is not { } constructor)
        {
            return null;
        }

        // this(...) chains that end in themselves (CS0516/CS0768): the compiler reports them, the flow must not follow forever.
        string name = constructor.Identifier.Text;
        string parameters = constructor.ParameterList.Parameters.ToString();
        string arguments = string.Join(", ", constructor.ParameterList.Parameters.Select(p => p.Identifier.Text));
        string other = $"\n    public {name}({parameters}, bool fuzzFlag) : this({arguments}) {{ }}\n";
        return Edit("constructor cycle",
            new TextChange(new TextSpan(constructor.ParameterList.Span.End, 0), $" : this({arguments}{(arguments.Length > 0 ? ", " : string.Empty)}true)"),
            new TextChange(new TextSpan(constructor.FullSpan.End, 0), other));
    }

    private (string, string)? ReplaceIdentifier()
    {
        // One name read where another was: a field for a parameter, the address for the port. Often still compiles.
        IdentifierNameSyntax[] names = [.. _root.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Parent is not QualifiedNameSyntax && !SyntaxFacts.IsInTypeOnlyContext(n))];
        if (names.Length < 2)
        {
            return null;
        }

        IdentifierNameSyntax one = names[_random.Next(names.Length)];
        IdentifierNameSyntax other = names[_random.Next(names.Length)];
        return one.Identifier.Text == other.Identifier.Text ? null : Edit("replace identifier", new TextChange(one.Span, other.Identifier.Text));
    }

    private (TypedExpression Expression, TypeDeclarationSyntax Type, bool IsStatic)? PickTyped()
    {
        if (_typed.Count == 0)
        {
            return null;
        }

        TypedExpression typed = _typed[_random.Next(_typed.Count)];
        if (typed.Span.End > _text.Length)
        {
            return null;
        }

        SyntaxNode node = _root.FindNode(typed.Span, getInnermostNodeForTie: true);
        TypeDeclarationSyntax? type = node.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (type is null || type.CloseBraceToken.Span.Length == 0 || type is InterfaceDeclarationSyntax)
        {
            return null;
        }

        // Helpers are static where the expression's member is, so that they compile in both places.
        MemberDeclarationSyntax? member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        bool isStatic = member is null || member.Modifiers.Any(SyntaxKind.StaticKeyword) || type.Modifiers.Any(SyntaxKind.StaticKeyword) || member is FieldDeclarationSyntax;
        return (typed, type, isStatic);
    }

    private (string, string)? WithHelper(string what, string replacementTemplate, string membersTemplate, bool forceStatic = false)
    {
        if (PickTyped() is not var (typed, type, isStatic))
        {
            return null;
        }

        string staticKeyword = isStatic || forceStatic ? "static " : string.Empty;
        string original = _text.ToString(typed.Span);
        string replacement = replacementTemplate.Replace("{0}", original, StringComparison.Ordinal);
        string members = membersTemplate.Replace("{0}", typed.TypeName, StringComparison.Ordinal).Replace("{1}", staticKeyword, StringComparison.Ordinal);
        return Edit($"{what} ({typed.TypeName})", new TextChange(typed.Span, replacement), new TextChange(new TextSpan(type.CloseBraceToken.SpanStart, 0), "\n" + members + "\n"));
    }

    private (string, string)? RecursiveHelper() => WithHelper(
        "through a self-recursive helper", "FuzzRecurse({0}, 3)",
        "    private {1}{0} FuzzRecurse({0} value, int depth) => depth > 0 ? FuzzRecurse(value, depth - 1) : value;");

    private (string, string)? MutualHelpers() => WithHelper(
        "through mutually recursive helpers", "FuzzPing({0}, 3)",
        "    private {1}{0} FuzzPing({0} value, int depth) => depth > 0 ? FuzzPong(value, depth - 1) : value;\n"
        + "    private {1}{0} FuzzPong({0} value, int depth) { if (depth < 0) { return FuzzPong(value, depth); } return FuzzPing(value, depth); }");

    private (string, string)? SelfProperty() => WithHelper(
        "through a property that returns itself", "(FuzzLoop = {0})",
        "    private {1}{0} FuzzLoop { get => FuzzLoop; set => FuzzLoop = value; }");

    private (string, string)? PropertyPair() => WithHelper(
        "through two properties that read each other", "(FuzzFirst = {0})",
        "    private {1}{0} FuzzFirst { get => FuzzSecond; set => FuzzSecond = value; }\n    private {1}{0} FuzzSecond { get => FuzzFirst; set => FuzzFirst = value; }");

    private (string, string)? SelfField() => WithHelper(
        "through a field initialized from itself", "(s_fuzzSelf = {0})",
        "    private static {0} s_fuzzSelf = s_fuzzSelf;\n    private static {0} s_fuzzOther = s_fuzzSelf;", forceStatic: true);

    private (string, string)? CyclicFields() => WithHelper(
        "through fields assigned in a cycle", "FuzzCycle({0})",
        "    private static {0} s_fuzzA = s_fuzzB!;\n    private static {0} s_fuzzB = s_fuzzA;\n"
        + "    private static {0} FuzzCycle({0} seed) { s_fuzzA = seed; s_fuzzB = s_fuzzA; s_fuzzA = s_fuzzB; return s_fuzzB; }", forceStatic: true);

    private (string, string)? CyclicLocals() => WithHelper(
        "through locals assigned in a cycle", "FuzzLocals({0})",
        "    private {1}{0} FuzzLocals({0} seed) { var a = seed; var b = a; for (int i = 0; i < 3; i++) { a = b; b = a; } return b; }");

    private (string, string)? RecursiveLambda() => WithHelper(
        "through a recursive lambda", "FuzzLambda({0})",
        "    private {1}{0} FuzzLambda({0} seed) { System.Func<{0}, int, {0}> f = null!; f = (v, d) => d > 0 ? f(v, d - 1) : v; return f(seed, 3); }");

    private (string, string)? RecursiveLocalFunction() => WithHelper(
        "through a recursive local function", "FuzzLocalFunction({0})",
        "    private {1}{0} FuzzLocalFunction({0} seed) { return Inner(seed, 3); static {0} Inner({0} v, int d) => d > 0 ? Inner(v, d - 1) : v; }");

    // Machine-written code copies a value through many locals: longer than the flow's nesting bound (256), short enough
    // to keep the case cheap (AnalyzerRobustnessTests holds the 20 000 copies that once overflowed the stack).
    private (string, string)? LongChain() => WithHelper(
        "through a chain of 400 locals", "FuzzChain({0})",
        "    private {1}{0} FuzzChain({0} seed)\n    {\n        var c0 = seed;\n"
        + string.Concat(Enumerable.Range(1, 399).Select(i => $"        var c{i} = c{i - 1};\n"))
        + "        return c399;\n    }");

    private (string, string)? TypedReplace()
    {
        if (PickTyped() is not var (typed, _, _))
        {
            return null;
        }

        string original = _text.ToString(typed.Span);
        string template = PickOf(["default({1})", "({1})null!", "({1})(object){0}", "({0} switch {{ {1} v => v, _ => default! }})", "(System.Random.Shared.Next() > 0 ? {0} : default({1}))", "System.Runtime.CompilerServices.Unsafe.As<{1}>({0})"]);
        return Edit($"typed replace ({typed.TypeName})", new TextChange(typed.Span, string.Format(CultureInfo.InvariantCulture, template, original, typed.TypeName)));
    }
}
