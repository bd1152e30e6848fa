using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// The compilation's own summaries a value is followed through beyond one body: what is assigned to each field and
/// property (initializers, constructors, setters, object initializers), what each call site passes for a parameter, and
/// what each method returns. Built lazily, one body at a time, and only for the bodies that spell the member's name (or
/// hold its declaration), so a rule that never leaves its method pays nothing and one that does binds only the bodies
/// that can answer it.
/// </summary>
internal sealed class CompilationFlow
{
    private static readonly ConditionalWeakTable<Compilation, CompilationFlow> ByCompilation = new();

    // The bodies of a tree depend on its text alone: kept across compilations, as the IDE reuses unchanged trees, so a
    // query binds only the bodies that can answer it (TreeSpelling says which names each can spell).
    private static readonly ConditionalWeakTable<SyntaxTree, BodySyntax[]> BodiesByTree = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, TreeFacts> _trees = new();

    // The spelling of every tree, in the compilation's order, looked up once per compilation: a query then asks each
    // tree's spelling instead of finding it again.
    private readonly Lazy<(SyntaxTree Tree, TreeSpelling Spelling)[]> _treeIdentifiers;

    // What the bodies spelling one name (or, for a constructor, spelling its type's name or calling this/base) assign,
    // add and pass, merged over the compilation once per name: every field, property or parameter of that name asks
    // the same bodies, so 200 servers each following their own LocalAddress read the 200 files once, not 200 times.
    private readonly ConcurrentDictionary<string, Lazy<NameSummary>> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<NameSummary>> _byConstructedType = new(StringComparer.Ordinal);

    // Finding overrides reads every tree that names the method: once per method and compilation, whatever the number of sinks asking.
    private readonly ConcurrentDictionary<ISymbol, List<IOperation>> _overrideReturns = new(SymbolEqualityComparer.Default);

    // The interface members and overridden methods a method is called through, found once per method: every hop
    // through one of its parameters asks.
    private readonly ConcurrentDictionary<ISymbol, IMethodSymbol[]> _dispatchedThrough = new(SymbolEqualityComparer.Default);

    // A private member's values, read from its type's bodies once: every sink its value reaches asks again.
    private readonly ConcurrentDictionary<ISymbol, List<IOperation>> _privateAssignments = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, List<IOperation>> _privateElements = new(SymbolEqualityComparer.Default);

    // Where a member's value is read, asked only of text or a socket stored in a field or property: a private member's
    // reads found once per member in its type's trees, any other's once per name over the compilation (as the
    // summaries are), so 200 types storing text in their own Endpoint property read those bodies once.
    private readonly ConcurrentDictionary<ISymbol, IReadOnlyList<IOperation>> _privateMemberReads = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<string, Lazy<Dictionary<ISymbol, List<IOperation>>>> _memberReadsByName = new(StringComparer.Ordinal);

    private CompilationFlow(Compilation compilation)
    {
        _compilation = compilation;
        _treeIdentifiers = new Lazy<(SyntaxTree, TreeSpelling)[]>(
            () => _compilation.SyntaxTrees.Select(tree => (tree, TreeSpelling.Of(tree))).ToArray(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The summaries of <paramref name="compilation"/>.</summary>
    public static CompilationFlow Of(Compilation compilation) => ByCompilation.GetValue(compilation, static c => new CompilationFlow(c));

    /// <summary>Every value the compilation assigns to <paramref name="member"/>, a field or property declared in source.</summary>
    public IReadOnlyList<IOperation> AssignedValues(ISymbol member) => IsPrivate(member)
        ? _privateAssignments.TryGetValue(member.OriginalDefinition, out List<IOperation>? known) ? known : _privateAssignments.GetOrAdd(member.OriginalDefinition, definition =>
            Collect(definition, DeclaringTypeTrees(definition), SpellingFilter(definition.Name), static (facts, symbol) => facts.Assignments.TryGetValue(symbol, out var values) ? values : null))
        : Lookup(SummaryOf(member.Name).Assignments, member.OriginalDefinition);

    /// <summary>Every value the compilation assigns to the source implementations of <paramref name="property"/>, an interface property read through the interface.</summary>
    public IReadOnlyList<IOperation> ImplementationAssignedValues(IPropertySymbol property)
    {
        var all = new List<IOperation>();
        foreach (KeyValuePair<ISymbol, List<IOperation>> assigned in SummaryOf(property.Name).Assignments)
        {
            if (assigned.Key is IPropertySymbol implementation
                && implementation.ContainingType.FindImplementationForInterfaceMember(property) is { } found
                && SymbolEqualityComparer.Default.Equals(found.OriginalDefinition, implementation.OriginalDefinition))
            {
                all.AddRange(assigned.Value);
            }
        }

        return all;
    }

    /// <summary>Every element the compilation adds (<c>Add</c>, <c>Enqueue</c>, <c>Push</c>) to the collection held by <paramref name="member"/>, a field or property declared in source.</summary>
    public IReadOnlyList<IOperation> ElementValues(ISymbol member) => IsPrivate(member)
        ? _privateElements.TryGetValue(member.OriginalDefinition, out List<IOperation>? known) ? known : _privateElements.GetOrAdd(member.OriginalDefinition, definition =>
            Collect(definition, DeclaringTypeTrees(definition), SpellingFilter(definition.Name), static (facts, symbol) => facts.Elements.TryGetValue(symbol, out var values) ? values : null))
        : Lookup(SummaryOf(member.Name).Elements, member.OriginalDefinition);

    /// <summary>Every value the body of <paramref name="parameter"/>'s method (declared in source) assigns to it, an <c>out</c> or <c>ref</c> parameter.</summary>
    public IReadOnlyList<IOperation> OutValues(IParameterSymbol parameter) =>
        Collect(parameter.OriginalDefinition, DeclaringTrees(parameter.ContainingSymbol), DeclarationFilter(parameter.ContainingSymbol), static (facts, symbol) => facts.OutAssignments.TryGetValue(symbol, out var values) ? values : null);

    /// <summary>
    /// What <paramref name="parameter"/>'s method (declared in source) is called with where it is given as a method group
    /// (<c>listener.StartListen(OnNewConnection)</c>): the arguments of the calls each receiving method makes of that
    /// delegate parameter, as for a lambda.
    /// </summary>
    public IReadOnlyList<IOperation> MethodGroupArgumentValues(IParameterSymbol parameter)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } method)
        {
            return [];
        }

        IMethodSymbol definition = method.OriginalDefinition;
        IReadOnlyList<IOperation> passed = IsPrivate(definition) || definition.MethodKind == MethodKind.LocalFunction
            ? Collect(definition, DeclaringTypeTrees(definition), SpellingFilter(definition.Name), static (facts, symbol) => facts.MethodGroups.TryGetValue(symbol, out var values) ? values : null)
            : Lookup(SummaryOf(definition.Name).MethodGroups, definition);
        if (passed.Count == 0)
        {
            return [];
        }

        var arguments = new List<IOperation>();
        foreach (IOperation argument in passed)
        {
            if (((IArgumentOperation)argument).Parameter is { } delegateParameter && IsDeclaredInSource(delegateParameter.ContainingSymbol))
            {
                arguments.AddRange(DelegateCallArguments(delegateParameter, parameter.Ordinal));
            }
        }

        return arguments;
    }

    /// <summary>
    /// The arguments for parameter <paramref name="ordinal"/> of every call that the body of <paramref name="delegateParameter"/>'s
    /// method (declared in source) makes of that delegate parameter: what a lambda passed there is called with.
    /// </summary>
    public IReadOnlyList<IOperation> DelegateCallArguments(IParameterSymbol delegateParameter, int ordinal)
    {
        List<IOperation> calls = Collect(delegateParameter.OriginalDefinition, DeclaringTrees(delegateParameter.ContainingSymbol), DeclarationFilter(delegateParameter.ContainingSymbol),
            static (facts, symbol) => facts.DelegateCalls.TryGetValue(symbol, out var values) ? values : null);
        var arguments = new List<IOperation>();
        foreach (IOperation call in calls)
        {
            foreach (IArgumentOperation argument in ((IInvocationOperation)call).Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    arguments.Add(argument.Value);
                }
            }
        }

        return arguments;
    }

    /// <summary>
    /// Every argument the compilation's call sites give for <paramref name="parameter"/>, also through the interface
    /// member its method implements or the method it overrides (<c>server.Start(endPoint)</c> on an <c>IServer</c>).
    /// </summary>
    public IReadOnlyList<IOperation> ArgumentValues(IParameterSymbol parameter)
    {
        IReadOnlyList<IOperation> direct = DirectArgumentValues(parameter);
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method
            || (!method.IsOverride && method.ContainingType.AllInterfaces.IsEmpty && method.ExplicitInterfaceImplementations.IsEmpty))
        {
            return direct;
        }

        List<IOperation>? all = null;
        IMethodSymbol definition = method.OriginalDefinition;
        IMethodSymbol[] dispatchedThrough = _dispatchedThrough.TryGetValue(definition, out IMethodSymbol[]? known)
            ? known
            : _dispatchedThrough.GetOrAdd(definition, static key => DispatchedThrough((IMethodSymbol)key));
        foreach (IMethodSymbol dispatching in dispatchedThrough)
        {
            if (parameter.Ordinal < dispatching.Parameters.Length && IsDeclaredInSource(dispatching)
                && DirectArgumentValues(dispatching.Parameters[parameter.Ordinal]) is { Count: > 0 } through)
            {
                all ??= [.. direct];
                all.AddRange(through);
            }
        }

        return all ?? direct;
    }

    // The methods a call reaches method through: those it overrides, and the interface members it or one of them implements.
    private static IMethodSymbol[] DispatchedThrough(IMethodSymbol method)
    {
        var dispatching = new List<IMethodSymbol>();
        for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod)
        {
            if (!SymbolEqualityComparer.Default.Equals(current, method))
            {
                dispatching.Add(current);
            }

            dispatching.AddRange(current.ExplicitInterfaceImplementations);
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                continue;
            }

            foreach (INamedTypeSymbol implemented in current.ContainingType.AllInterfaces)
            {
                foreach (ISymbol member in implemented.GetMembers(current.Name))
                {
                    if (member is IMethodSymbol declared
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(declared)?.OriginalDefinition, method.OriginalDefinition))
                    {
                        dispatching.Add(declared);
                    }
                }
            }
        }

        return [.. dispatching];
    }

    /// <summary>Whether <paramref name="symbol"/> is declared in the compilation's source, the only place its summaries can answer for.</summary>
    public static bool IsDeclaredInSource(ISymbol symbol) => symbol.Locations.Length > 0 && symbol.Locations[0].IsInSource;

    private IReadOnlyList<IOperation> DirectArgumentValues(IParameterSymbol parameter)
    {
        ISymbol owner = parameter.ContainingSymbol;
        bool constructor = owner is IMethodSymbol { MethodKind: MethodKind.Constructor };
        string name = constructor ? owner.ContainingType.Name : owner.Name;

        // A constructor is also called by this(...) and base(...), which do not spell the type's name.
        System.Func<BodySyntax, bool> relevant = constructor
            ? body => body.HasConstructorInitializer || body.Spells(name)
            : SpellingFilter(name);
        if (IsPrivate(owner))
        {
            return Collect(parameter.OriginalDefinition, DeclaringTypeTrees(owner), relevant, static (facts, symbol) => facts.Arguments.TryGetValue(symbol, out var values) ? values : null);
        }

        NameSummary summary = constructor
            ? (_byConstructedType.TryGetValue(name, out Lazy<NameSummary>? known) ? known : _byConstructedType.GetOrAdd(name, key => new Lazy<NameSummary>(() => Summarize(key, relevantToConstructors: true), LazyThreadSafetyMode.ExecutionAndPublication))).Value
            : SummaryOf(name);
        return Lookup(summary.Arguments, parameter.OriginalDefinition);
    }

    /// <summary>Every value <paramref name="method"/> (declared in source) returns.</summary>
    public IReadOnlyList<IOperation> ReturnedValues(IMethodSymbol method) =>
        Collect(method.OriginalDefinition, DeclaringTrees(method), DeclarationFilter(method), static (facts, symbol) => facts.Returns.TryGetValue(symbol, out var values) ? values : null);

    /// <summary>
    /// Every value the source overrides of <paramref name="method"/> (abstract or virtual) return: a base class calling its
    /// own abstract factory gets what the derived classes build. For an interface member (a method, or a property's
    /// getter), what its source implementations return.
    /// </summary>
    public IReadOnlyList<IOperation> OverrideReturnedValues(IMethodSymbol method) =>
        _overrideReturns.TryGetValue(method.OriginalDefinition, out List<IOperation>? known) ? known : _overrideReturns.GetOrAdd(method.OriginalDefinition, definition => FindOverrideReturns((IMethodSymbol)definition));

    private List<IOperation> FindOverrideReturns(IMethodSymbol method)
    {
        var all = new List<IOperation>();
        // An override or implementation is found by the name it declares: a getter by its property's.
        string name = method is { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } property } ? property.Name : method.Name;
        bool implementations = method.ContainingType.TypeKind == TypeKind.Interface;
        System.Func<BodySyntax, bool> relevant = body => body.DeclaredName == name || body.Spells(name);
        foreach ((SyntaxTree tree, TreeSpelling spelling) in _treeIdentifiers.Value)
        {
            if (!spelling.MaySpell(name))
            {
                continue;
            }

            foreach (BodySyntax body in BodiesOf(tree))
            {
                if (!relevant(body))
                {
                    continue;
                }

                foreach (KeyValuePair<ISymbol, List<IOperation>> returned in Facts(tree).Of(body).Returns)
                {
                    if (implementations)
                    {
                        if (returned.Key is IMethodSymbol { ContainingType: { } implementing } implementation
                            && SymbolEqualityComparer.Default.Equals(implementing.FindImplementationForInterfaceMember(method)?.OriginalDefinition, implementation.OriginalDefinition))
                        {
                            all.AddRange(returned.Value);
                        }

                        continue;
                    }

                    for (IMethodSymbol? overridden = (returned.Key as IMethodSymbol)?.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                        {
                            all.AddRange(returned.Value);
                            break;
                        }
                    }
                }
            }
        }

        return all;
    }

    /// <summary>
    /// Every read in the compilation of <paramref name="member"/>, a field or property declared in source: the
    /// references that are not the target of an assignment to it.
    /// </summary>
    public IReadOnlyList<IOperation> MemberReads(ISymbol member)
    {
        ISymbol definition = member.OriginalDefinition;
        if (IsPrivate(definition))
        {
            return _privateMemberReads.TryGetValue(definition, out IReadOnlyList<IOperation>? known)
                ? known
                : _privateMemberReads.GetOrAdd(definition, key => Lookup(FindMemberReads(key.Name, DeclaringTypeTrees(key)), key));
        }

        Lazy<Dictionary<ISymbol, List<IOperation>>> byName = _memberReadsByName.TryGetValue(definition.Name, out Lazy<Dictionary<ISymbol, List<IOperation>>>? found)
            ? found
            : _memberReadsByName.GetOrAdd(definition.Name, name => new Lazy<Dictionary<ISymbol, List<IOperation>>>(
                () => FindMemberReads(name, _treeIdentifiers.Value.Where(entry => entry.Spelling.MaySpell(name)).Select(entry => entry.Tree)), LazyThreadSafetyMode.ExecutionAndPublication));
        return Lookup(byName.Value, definition);
    }

    // The references to members named name, in the bodies of trees that spell it, that are not assignment targets.
    private Dictionary<ISymbol, List<IOperation>> FindMemberReads(string name, IEnumerable<SyntaxTree> trees)
    {
        var reads = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        foreach (SyntaxTree tree in trees)
        {
            foreach (BodySyntax body in BodiesOf(tree))
            {
                if (!body.Spells(name))
                {
                    continue;
                }

                foreach (IOperation operation in Facts(tree).Of(body).Root?.DescendantsAndSelf() ?? [])
                {
                    if (operation is IMemberReferenceOperation { Member: { } member } && member.Name == name
                        && !(operation.Parent is IAssignmentOperation assignment && assignment.Target == operation))
                    {
                        if (!reads.TryGetValue(member.OriginalDefinition, out List<IOperation>? list))
                        {
                            reads[member.OriginalDefinition] = list = [];
                        }

                        list.Add(operation);
                    }
                }
            }
        }

        return reads;
    }

    /// <summary>Whether any call site in the compilation passes an argument to <paramref name="parameter"/>'s method.</summary>
    public bool HasCallSites(IParameterSymbol parameter) => ArgumentValues(parameter).Count > 0;

    private static System.Func<BodySyntax, bool> SpellingFilter(string name) => body => body.Spells(name);

    // The bodies a symbol's own declarations span: a method's body, a getter, or the body holding a lambda or local function.
    private static System.Func<BodySyntax, bool> DeclarationFilter(ISymbol symbol)
    {
        ImmutableArray<SyntaxReference> references = symbol.DeclaringSyntaxReferences;
        return body => references.Any(reference => reference.SyntaxTree == body.Declaration.SyntaxTree && body.Declaration.Span.IntersectsWith(reference.Span));
    }

    private static IEnumerable<SyntaxTree> DeclaringTrees(ISymbol symbol) => symbol.DeclaringSyntaxReferences.Select(reference => reference.SyntaxTree).Distinct();

    private List<IOperation> Collect(ISymbol symbol, IEnumerable<SyntaxTree> trees, System.Func<BodySyntax, bool> relevant, System.Func<BodyFacts, ISymbol, List<IOperation>?> select)
    {
        var all = new List<IOperation>();
        foreach (SyntaxTree tree in trees)
        {
            TreeFacts? facts = null;
            foreach (BodySyntax body in BodiesOf(tree))
            {
                if (relevant(body) && select((facts ??= Facts(tree)).Of(body), symbol) is { } values)
                {
                    all.AddRange(values);
                }
            }
        }

        return all;
    }

    // A private member is named only inside its type: its type's trees are all there is to read, and they are few.
    private static bool IsPrivate(ISymbol member) => member.DeclaredAccessibility == Accessibility.Private;

    private static IEnumerable<SyntaxTree> DeclaringTypeTrees(ISymbol member) =>
        member.ContainingType?.DeclaringSyntaxReferences.Select(reference => reference.SyntaxTree).Distinct() ?? [];

    private static IReadOnlyList<IOperation> Lookup(Dictionary<ISymbol, List<IOperation>> map, ISymbol symbol) =>
        map.TryGetValue(symbol, out List<IOperation>? values) ? values : [];

    // Each lookup first tries the map without a factory: a hit, nearly every query, then allocates no closure.
    private NameSummary SummaryOf(string name) =>
        (_byName.TryGetValue(name, out Lazy<NameSummary>? known) ? known : _byName.GetOrAdd(name, key => new Lazy<NameSummary>(() => Summarize(key, relevantToConstructors: false), LazyThreadSafetyMode.ExecutionAndPublication))).Value;

    // Every body of the compilation that spells the name (a tree that does not spell it has no such body): the same
    // bodies a query for any one symbol of that name would read, so one merge answers them all.
    private NameSummary Summarize(string name, bool relevantToConstructors)
    {
        var summary = new NameSummary();
        foreach ((SyntaxTree tree, TreeSpelling spelling) in _treeIdentifiers.Value)
        {
            if (!spelling.MaySpell(name))
            {
                continue;
            }

            TreeFacts? facts = null;
            foreach (BodySyntax body in BodiesOf(tree))
            {
                if (body.Spells(name) || (relevantToConstructors && body.HasConstructorInitializer))
                {
                    summary.Add((facts ??= Facts(tree)).Of(body));
                }
            }
        }

        return summary;
    }

    /// <summary>The merged facts of the bodies that spell one name.</summary>
    private sealed class NameSummary
    {
        public Dictionary<ISymbol, List<IOperation>> Assignments { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IOperation>> Elements { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IOperation>> Arguments { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IOperation>> MethodGroups { get; } = new(SymbolEqualityComparer.Default);

        public void Add(BodyFacts body)
        {
            Merge(Assignments, body.Assignments);
            Merge(Elements, body.Elements);
            Merge(Arguments, body.Arguments);
            Merge(MethodGroups, body.MethodGroups);
        }

        private static void Merge(Dictionary<ISymbol, List<IOperation>> into, Dictionary<ISymbol, List<IOperation>> from)
        {
            foreach (KeyValuePair<ISymbol, List<IOperation>> entry in from)
            {
                if (!into.TryGetValue(entry.Key, out List<IOperation>? values))
                {
                    into[entry.Key] = values = [];
                }

                values.AddRange(entry.Value);
            }
        }
    }

    private static BodySyntax[] BodiesOf(SyntaxTree tree) => BodiesByTree.GetValue(tree, static tree => BodySyntax.Find(tree));

    private TreeFacts Facts(SyntaxTree tree) => _trees.TryGetValue(tree, out TreeFacts? known) ? known : _trees.GetOrAdd(tree, tree => new TreeFacts(_compilation, tree));

    /// <summary>
    /// A body the summaries read (a method, an accessor, an initializer, a global statement, a primary constructor's base
    /// arguments) and the identifiers its declaration spells: found from the text alone, so kept across compilations.
    /// </summary>
    private sealed class BodySyntax
    {
        private readonly TreeSpelling _spelling;
        private readonly Microsoft.CodeAnalysis.Text.TextSpan _declaredNameSpan;
        private HashSet<string>? _tokenNames;

        private BodySyntax(SyntaxNode declaration, SyntaxNode body, TreeSpelling spelling)
        {
            Declaration = declaration;
            Body = body;
            _spelling = spelling;

            // A method's or constructor's own name is not a use of it: a body is read for the calls it makes, and a
            // method with no caller (an entry point taking the host) would otherwise bind itself to find none.
            SyntaxToken declaredName = declaration switch
            {
                MethodDeclarationSyntax method => method.Identifier,
                ConstructorDeclarationSyntax constructor => constructor.Identifier,
                _ => default,
            };
            DeclaredName = declaration switch
            {
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                AccessorDeclarationSyntax { Parent.Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
                _ => declaredName.ValueText,
            };
            _declaredNameSpan = declaredName.Span;

            HasConstructorInitializer = declaration is ConstructorDeclarationSyntax { Initializer: not null } || declaration is PrimaryConstructorBaseTypeSyntax;
        }

        public SyntaxNode Declaration { get; }

        public SyntaxNode Body { get; }

        /// <summary>Whether an identifier of the declaration can be <paramref name="name"/>, but for the name a method or constructor declares; <see langword="false"/> is exact.</summary>
        /// <remarks>Asked of the tree's text (no walk of the declaration's tokens for each body of each tree a name is looked for in).</remarks>
        public bool Spells(string name) => _spelling.MaySpellIn(name, Declaration, _declaredNameSpan, ref _tokenNames);

        /// <summary>Gets the name a method, constructor or property declaration (also an accessor's) declares, or an empty string.</summary>
        public string DeclaredName { get; }

        public bool HasConstructorInitializer { get; }

        // The declarations are visited member by member rather than by a walk of every node outside the bodies (their
        // parameter lists, types and attributes): on a project of a thousand files that walk was the largest part of
        // the first compilation-wide query.
        public static BodySyntax[] Find(SyntaxTree tree)
        {
            var bodies = new List<BodySyntax>();
            TreeSpelling spelling = TreeSpelling.Of(tree);
            if (tree.GetRoot() is CompilationUnitSyntax unit)
            {
                AddMembers(unit.Members, bodies, spelling);
            }

            return [.. bodies];
        }

        private static void AddMembers(SyntaxList<MemberDeclarationSyntax> members, List<BodySyntax> bodies, TreeSpelling spelling)
        {
            foreach (MemberDeclarationSyntax member in members)
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax container:
                        AddMembers(container.Members, bodies, spelling);
                        break;
                    case TypeDeclarationSyntax type:
                        if (type.BaseList is { } baseList)
                        {
                            foreach (BaseTypeSyntax baseType in baseList.Types)
                            {
                                if (baseType is PrimaryConstructorBaseTypeSyntax primary)
                                {
                                    bodies.Add(new BodySyntax(primary, primary.ArgumentList, spelling));
                                }
                            }
                        }

                        AddMembers(type.Members, bodies, spelling);
                        break;
                    case BaseMethodDeclarationSyntax method:
                        bodies.Add(new BodySyntax(method, method, spelling));
                        break;
                    case BasePropertyDeclarationSyntax property:
                        SyntaxNode? own = property switch
                        {
                            PropertyDeclarationSyntax { ExpressionBody: { } arrow } => arrow,
                            PropertyDeclarationSyntax { Initializer: { } initializer } => initializer,
                            IndexerDeclarationSyntax { ExpressionBody: { } arrow } => arrow,
                            _ => null,
                        };
                        if (own is not null)
                        {
                            bodies.Add(new BodySyntax(property, own, spelling));
                        }

                        if (property.AccessorList is { } accessors)
                        {
                            foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
                            {
                                bodies.Add(new BodySyntax(accessor, accessor, spelling));
                            }
                        }

                        break;
                    case FieldDeclarationSyntax field:
                        foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                        {
                            if (variable.Initializer is { } initializer)
                            {
                                bodies.Add(new BodySyntax(variable, initializer, spelling));
                            }
                        }

                        break;
                    case GlobalStatementSyntax global:
                        bodies.Add(new BodySyntax(global, global.Statement, spelling));
                        break;
                }
            }
        }
    }

    /// <summary>One compilation's view of a tree: its semantic model, made once, and each body's facts, bound when first asked for.</summary>
    private sealed class TreeFacts
    {
        private readonly Compilation _compilation;
        private readonly SyntaxTree _tree;
        private readonly bool _inCompilation;
        private readonly ConcurrentDictionary<SyntaxNode, Lazy<BodyFacts>> _bodies = new();
        private SemanticModel? _model;

        public TreeFacts(Compilation compilation, SyntaxTree tree)
        {
            _compilation = compilation;
            _tree = tree;
            _inCompilation = compilation.ContainsSyntaxTree(tree);
        }

        // The factory captures the body: made in a method of its own, so that a hit allocates nothing.
        public BodyFacts Of(BodySyntax body) => _bodies.TryGetValue(body.Body, out Lazy<BodyFacts>? known) ? known.Value : Add(body);

        private BodyFacts Add(BodySyntax body) =>
            _bodies.GetOrAdd(body.Body, _ => new Lazy<BodyFacts>(() => Bind(body), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

        private BodyFacts Bind(BodySyntax body)
        {
            var facts = new BodyFacts();
            if (!_inCompilation)
            {
                return facts;
            }

            // The summaries need bodies the analyzer driver was not asked about (the constructor that fills the field a
            // Start method binds): a semantic model of their tree is the only way to reach them.
#pragma warning disable RS1030
            SemanticModel model = LazyInitializer.EnsureInitialized(ref _model, () => _compilation.GetSemanticModel(_tree))!;
#pragma warning restore RS1030
            if (model.GetOperation(body.Body, CancellationToken.None) is { } operation)
            {
                facts.Walk(operation, model);
            }

            return facts;
        }
    }

    /// <summary>What one body assigns to fields, properties and out parameters, passes to parameters, adds to collections and returns.</summary>
    private sealed class BodyFacts
    {
        public Dictionary<ISymbol, List<IOperation>> Assignments { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IOperation>> Arguments { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IOperation>> Returns { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IOperation>> Elements { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IOperation>> OutAssignments { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IOperation>> DelegateCalls { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IOperation>> MethodGroups { get; } = new(SymbolEqualityComparer.Default);

        // The bound body, for the rare query no summary answers (where a member is read).
        public IOperation? Root { get; private set; }

        public void Walk(IOperation body, SemanticModel model)
        {
            Root = body;
            foreach (IOperation operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IFieldInitializerOperation fieldInitializer:
                        foreach (IFieldSymbol field in fieldInitializer.InitializedFields)
                        {
                            Add(Assignments, field, fieldInitializer.Value);
                        }

                        break;
                    case IPropertyInitializerOperation propertyInitializer:
                        foreach (IPropertySymbol property in propertyInitializer.InitializedProperties)
                        {
                            Add(Assignments, property, propertyInitializer.Value);
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: IParameterReferenceOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } parameter } assignment:
                        Add(OutAssignments, parameter.Parameter, assignment.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment:
                        Add(Assignments, field.Field, assignment.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 0 } property } assignment:
                        Add(Assignments, property.Property, assignment.Value);
                        break;
                    case ICoalesceAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation } coalesce when OperationFlow.ReferencedSymbol(coalesce.Target) is { } member:
                        Add(Assignments, member, coalesce.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 0 } } element } assignment
                        when OperationFlow.ReferencedSymbol(element.ArrayReference) is { } array:
                        // _addresses[0] = IPAddress.Any: an element of the array the member holds.
                        Add(Elements, array, assignment.Value);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add" or "Enqueue" or "Push", Arguments.Length: 1, Instance: IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 0 } } addition
                        when OperationFlow.ReferencedSymbol(addition.Instance!) is { } collection
                        && NamespaceName.IsWithin(addition.TargetMethod.ContainingNamespace, "System.Collections"):
                        Add(Elements, collection, addition.Arguments[0].Value);
                        break;
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } target } call when InvokedParameter(target) is { } invoked:
                        Add(DelegateCalls, invoked, call);
                        break;
                    case IMethodReferenceOperation { Method: { } referenced } reference when PassedAsArgument(reference) is { } passed:
                        Add(MethodGroups, referenced.OriginalDefinition, passed);
                        break;
                    case IArgumentOperation { Parameter: { } parameter, ArgumentKind: not ArgumentKind.DefaultValue } argument:
                        // client.Receive(ref _remote): the call stores into the field, as an assignment would; the
                        // argument stands for what it stores, as it does for a local passed by ref.
                        if (parameter.RefKind is RefKind.Ref or RefKind.Out && OperationFlow.Unwrap(argument.Value) is IFieldReferenceOperation stored)
                        {
                            Add(Assignments, stored.Field, argument);
                        }

                        if (parameter.ContainingSymbol.Locations.Any(location => location.IsInSource))
                        {
                            Add(Arguments, parameter, argument.Value);
                        }

                        break;
                    case IReturnOperation { ReturnedValue: { } returned } returnOperation when operation.Kind == OperationKind.Return:
                        if (Owner(returnOperation, model) is { } method)
                        {
                            Add(Returns, method, returned);
                        }

                        break;
                }
            }
        }

        // StartListen(OnNewConnection): the argument a method group is converted to a delegate for.
        private static IArgumentOperation? PassedAsArgument(IMethodReferenceOperation reference)
        {
            IOperation? parent = reference.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent as IArgumentOperation;
        }

        // onNew(client), onNew.Invoke(client), onNew?.Invoke(client): a call of the method's delegate parameter.
        private static IParameterSymbol? InvokedParameter(IOperation target) => target switch
        {
            IParameterReferenceOperation parameter => parameter.Parameter.OriginalDefinition,
            IConditionalAccessInstanceOperation { Parent: IConditionalAccessOperation { Operation: IParameterReferenceOperation parameter } } => parameter.Parameter.OriginalDefinition,
            _ => null,
        };

        private static ISymbol? Owner(IOperation returnOperation, SemanticModel model)
        {
            for (IOperation? parent = returnOperation.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Symbol;
                    case ILocalFunctionOperation local:
                        return local.Symbol;
                }
            }

            SyntaxNode? declaration = returnOperation.Syntax.Ancestors().FirstOrDefault(node => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax);
            return declaration is null ? null : model.GetDeclaredSymbol(declaration) switch
            {
                IMethodSymbol method => method,
                IPropertySymbol { GetMethod: { } getter } => getter,
                _ => null,
            };
        }

        private static void Add(Dictionary<ISymbol, List<IOperation>> map, ISymbol symbol, IOperation value)
        {
            symbol = symbol.OriginalDefinition;
            if (!map.TryGetValue(symbol, out List<IOperation>? values))
            {
                map[symbol] = values = [];
            }

            values.Add(value);
        }
    }
}
