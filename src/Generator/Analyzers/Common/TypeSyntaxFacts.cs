using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// What the declaration of the type around a sink spells, read from syntax once per declaration: whether it names
/// broadcast or multicast members, sets <c>DualMode = true</c>, and which family names each socket, listener or UDP
/// client it creates or binds spells. The precision rules ask it whether a type
/// opens a second socket of the other family (a deliberate two-socket design) or is a broadcast socket.
/// </summary>
internal sealed class TypeSyntaxFacts
{
    private static readonly ConditionalWeakTable<SyntaxNode, TypeSyntaxFacts> ByDeclaration = new();

    private static readonly string[] FamilyNames =
    [
        "AddressFamily.InterNetwork", "AddressFamily.InterNetworkV6", "IPAddress.Any", "IPAddress.IPv6Any", "IPAddress.Loopback", "IPAddress.IPv6Loopback",
    ];

    // Each family name split at its dot once: the owner and the member the text is searched for.
    private static readonly Dictionary<string, (string Owner, string Member)> FamilyNameParts = FamilyNames.ToDictionary(
        name => name, name => (name.Substring(0, name.IndexOf('.')), name.Substring(name.IndexOf('.') + 1)), System.StringComparer.Ordinal);

    private readonly SyntaxNode _declaration;
    private readonly bool _spellsDualMode;
    private readonly bool _spellsIPv6Only;
    private readonly bool _spellsBroadcastOrMulticast;
    private readonly HashSet<string> _spelledFamilyNames = new(System.StringComparer.Ordinal);
    private readonly bool _textIsNames;
    private Walk? _walk;
    private Dictionary<string, List<SyntaxNode>>? _openingsByName;

    // The text first: a handful of searches of the declaration's text tell which questions can have a yes, and the walk
    // of its syntax (the whole cost on a type with thousands of statements) is made only when one can. A type that
    // never spells "DualMode", "Broadcast" or the other family's name answers no without it. Unicode escapes in
    // identifiers hide names from the text, so a declaration holding one is always walked.
    private TypeSyntaxFacts(SyntaxNode declaration)
    {
        _declaration = declaration;
        SpanText text = SpanText.Of(declaration);
        bool escapes = text.Contains("\\u") || text.Contains("\\U");
        _textIsNames = !escapes && !text.HasFormattingCharacter();
        _spellsDualMode = escapes || text.Contains("DualMode");
        _spellsIPv6Only = escapes || text.Contains("IPv6Only");
        _spellsBroadcastOrMulticast = escapes || text.Contains("Broadcast") || text.Contains("AddMembership") || text.Contains("JoinMulticastGroup");
        foreach (string name in FamilyNames)
        {
            if (escapes || text.SpellsWord(FamilyNameParts[name].Member))
            {
                _spelledFamilyNames.Add(name);
            }
        }
    }

    /// <summary>The facts of the type declaration around <paramref name="node"/> (the compilation unit for top-level code).</summary>
    public static TypeSyntaxFacts Around(SyntaxNode node)
    {
        SyntaxNode declaration = node.FirstAncestorOrSelf<TypeDeclarationSyntax>() ?? (SyntaxNode)node.SyntaxTree.GetRoot();
        return ByDeclaration.GetValue(declaration, static declaration => new TypeSyntaxFacts(declaration));
    }

    /// <summary>
    /// Whether any declaration of the type around <paramref name="operation"/> may make an IPv6 socket dual-mode: a
    /// partial type's other parts count (asked only of a partial declaration, through the operation's semantic model).
    /// </summary>
    public static bool AnyPartMaySetDualMode(IOperation operation) =>
        Around(operation.Syntax).MaySetDualMode
        || (operation.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration
            && declaration.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PartialKeyword)
            && operation.SemanticModel?.GetDeclaredSymbol(declaration) is INamedTypeSymbol type
            && AnyDeclarationOf(type, static facts => facts.MaySetDualMode));

    /// <summary>Whether the facts of some declaration of <paramref name="type"/> (each part of a partial type) satisfy <paramref name="test"/>.</summary>
    public static bool AnyDeclarationOf(INamedTypeSymbol type, System.Func<TypeSyntaxFacts, bool> test)
    {
        foreach (SyntaxReference part in type.DeclaringSyntaxReferences)
        {
            if (test(Around(part.GetSyntax())))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets a value indicating whether the type sets <c>DualMode = true</c> somewhere: then its IPv6 socket serves IPv4 too, and a second IPv4 socket is no design.</summary>
    public bool SetsDualMode => _spellsDualMode && Walked.SetsDualMode;

    /// <summary>
    /// Gets a value indicating whether the type may make an IPv6 socket dual-mode: <c>DualMode = true</c>, or a use of
    /// <c>SocketOptionName.IPv6Only</c> other than setting it on (<c>SetSocketOption(IPv6, IPv6Only, 1)</c> keeps the
    /// socket IPv6-only, so its peers are never IPv4-mapped).
    /// </summary>
    public bool MaySetDualMode => SetsDualMode || (_spellsIPv6Only && !Walked.OnlySetsIPv6OnlyOn);

    /// <summary>
    /// Gets a value indicating whether the type keeps its IPv6 sockets IPv6-only on purpose: every <c>IPv6Only</c> it
    /// names sets the option on, and it never sets <c>DualMode = true</c>. No rule's fix makes such a socket dual-mode.
    /// </summary>
    public bool KeepsIPv6Only => _spellsIPv6Only && !SetsDualMode && Walked.OnlySetsIPv6OnlyOn;

    /// <summary>Gets a value indicating whether the declaration's text names <c>DualMode</c> or <c>IPv6Only</c> at all (or hides names in escapes): assigned from anything, set either way.</summary>
    public bool SpellsDualModeOrIPv6Only => _spellsDualMode || _spellsIPv6Only;

    /// <summary>
    /// Whether the type sets up a broadcast socket or joins an IPv4 multicast group (SSDP's 239.255.255.250, mDNS's
    /// 224.0.0.251): IPv4-only protocols, whose IPv6 counterparts are other groups on other sockets.
    /// </summary>
    public bool IsBroadcast => _spellsBroadcastOrMulticast && Walked.IsBroadcast;

    /// <summary>
    /// Whether the type joins a multicast group (one it is given, such as a constructor's parameter) and never sets up
    /// an IPv6 membership: its UDP sockets on the IPv4 wildcard are IPv4 multicast receivers.
    /// </summary>
    public bool JoinsGroupWithoutIPv6Membership => _spellsBroadcastOrMulticast && Walked.JoinsGroupWithoutIPv6Membership;

    /// <summary>
    /// Whether the type opens another socket, listener or bind than <paramref name="sink"/> whose own code names one of
    /// <paramref name="names"/> (<c>AddressFamily.InterNetworkV6</c>): one socket per family, on purpose.
    /// </summary>
    public bool OpensOtherSocketNaming(SyntaxNode sink, params string[] names) => OpensOtherSocketNaming(sink, sameMember: false, names);

    /// <summary>As <see cref="OpensOtherSocketNaming(SyntaxNode, string[])"/>, limited to the member around the sink when <paramref name="sameMember"/>.</summary>
    public bool OpensOtherSocketNaming(SyntaxNode sink, bool sameMember, params string[] names)
    {
        if (!System.Array.Exists(names, _spelledFamilyNames.Contains))
        {
            return false;
        }

        SyntaxNode? member = sameMember ? sink.FirstAncestorOrSelf<MemberDeclarationSyntax>() : null;
        foreach (string name in names)
        {
            if (!OpeningsByName.TryGetValue(name, out List<SyntaxNode>? openings))
            {
                continue;
            }

            foreach (SyntaxNode opening in openings)
            {
                // The first opening that is neither the sink nor outside its member answers: the walk stays short.
                if (!opening.Span.IntersectsWith(sink.Span) && (member is null || member.Span.Contains(opening.Span)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private Walk Walked => LazyInitializer.EnsureInitialized(ref _walk, () => new Walk(_declaration))!;

    // The openings naming each family name, found from where the text spells the name rather than by a walk of the
    // whole declaration: each place is one token found by position and its ancestors, so a type of thousands of
    // statements that names InterNetworkV6 once costs one path of its tree. The walk answers when the text may hide names.
    private Dictionary<string, List<SyntaxNode>> OpeningsByName => _textIsNames
        ? LazyInitializer.EnsureInitialized(ref _openingsByName, FindOpenings)!
        : Walked.OpeningsByName;

    private Dictionary<string, List<SyntaxNode>> FindOpenings()
    {
        var openingsByName = new Dictionary<string, List<SyntaxNode>>(System.StringComparer.Ordinal);
        var binders = new HashSet<string>(System.StringComparer.Ordinal);
        SpanText text = SpanText.Of(_declaration);
        foreach (string name in _spelledFamilyNames)
        {
            (string owner, string member) = FamilyNameParts[name];
            for (int at = text.IndexOf(member); at >= 0; at = text.IndexOf(member, at + 1))
            {
                // "Any" inside "IPv6Any", "InterNetwork" inside "InterNetworkV6": not the word, and no token to look up.
                if (!text.IsWordAt(at, member.Length))
                {
                    continue;
                }

                SyntaxToken token = _declaration.FindToken(at);
                if (token.ValueText != member || !token.Span.Contains(at)
                    || token.Parent is not SimpleNameSyntax { Parent: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax ownerName } access } simple
                    || access.Name != simple || ownerName.Identifier.ValueText != owner)
                {
                    continue;
                }

                string? binder = null;
                bool inOpening = false;
                foreach (SyntaxNode ancestor in access.Ancestors())
                {
                    if (ancestor == _declaration)
                    {
                        break;
                    }

                    if (Walk.IsOpening(ancestor))
                    {
                        AddOpening(openingsByName, name, ancestor);
                        inOpening = true;
                    }

                    // Only a name given to a local or field outside any opening is an address chosen for a later one.
                    binder ??= inOpening ? null : ancestor switch
                    {
                        VariableDeclaratorSyntax { Initializer: not null } declarator => declarator.Identifier.ValueText,
                        AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } => assigned.Identifier.ValueText,
                        _ => null,
                    };
                }

                // Each binder costs a search of the type's text: a bounded number of distinct ones keeps a type of
                // thousands of such locals linear (past the bound, the locals' openings are not credited).
                if (binder is not null && binders.Count < MaxBinders && binders.Add(binder + " " + name))
                {
                    AddOpeningsUsing(openingsByName, text, binder, name);
                }
            }
        }

        return openingsByName;
    }

    // var v6 = allow ? IPAddress.IPv6Any : IPAddress.IPv6Loopback; ... new TcpListener(v6, port): the family a local or
    // field is given counts for the openings that use it.
    private void AddOpeningsUsing(Dictionary<string, List<SyntaxNode>> openingsByName, SpanText text, string binder, string name)
    {
        for (int at = text.IndexOf(binder); at >= 0; at = text.IndexOf(binder, at + 1))
        {
            if (!text.IsWordAt(at, binder.Length))
            {
                continue;
            }

            SyntaxToken token = _declaration.FindToken(at);
            if (token.ValueText != binder || token.Parent is not IdentifierNameSyntax used)
            {
                continue;
            }

            foreach (SyntaxNode ancestor in used.Ancestors())
            {
                if (ancestor == _declaration)
                {
                    break;
                }

                if (Walk.IsOpening(ancestor))
                {
                    AddOpening(openingsByName, name, ancestor);
                }
            }
        }
    }

    private const int MaxBinders = 16;

    private static void AddOpening(Dictionary<string, List<SyntaxNode>> openingsByName, string name, SyntaxNode opening)
    {
        if (!openingsByName.TryGetValue(name, out List<SyntaxNode>? openings))
        {
            openingsByName[name] = openings = [];
        }

        // A duplicate changes no answer; only the last is checked, so adding stays constant time.
        if (openings.Count == 0 || openings[openings.Count - 1] != opening)
        {
            openings.Add(opening);
        }
    }

    private static bool IsIPv4MulticastGroup(string text)
    {
        int dot = text.IndexOf('.');
        return dot is > 0 and <= 3 && text.Length <= 15
            && int.TryParse(text.Substring(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int first)
            && first is >= 224 and <= 239
            && System.Net.IPAddress.TryParse(text, out System.Net.IPAddress? group) && group.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
    }

    private static string LastName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => type.ToString(),
    };

    /// <summary>What one walk of the declaration's syntax found.</summary>
    private sealed class Walk
    {
        private readonly bool _namesIPv4MulticastGroup;
        private readonly bool _namesBroadcast;
        private readonly bool _namesMulticastJoin;
        private readonly bool _namesIPv6Multicast;
        private readonly int _ipv6OnlyNames;
        private readonly int _ipv6OnlySetOn;

        // One walk, allocating nothing per node. The few names the rules ask about are flags; the family names inside
        // an opening are attributed to every opening still open around them (the walk is in document order, so those
        // are the openings whose span holds the node).
        public Walk(SyntaxNode declaration)
        {
            var open = new List<SyntaxNode>();
            var binders = new List<(SyntaxNode Node, string Name)>();
            Dictionary<string, List<string>>? familiesByName = null;
            foreach (SyntaxNode node in declaration.DescendantNodes())
            {
                while (open.Count > 0 && !open[open.Count - 1].Span.Contains(node.Span))
                {
                    open.RemoveAt(open.Count - 1);
                }

                while (binders.Count > 0 && !binders[binders.Count - 1].Node.Span.Contains(node.Span))
                {
                    binders.RemoveAt(binders.Count - 1);
                }

                // var v6 = allow ? IPAddress.IPv6Any : IPAddress.IPv6Loopback; ... new TcpListener(v6, port): the family
                // names a local or field is given count for the openings that use it.
                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer: not null } declarator:
                        binders.Add((node, declarator.Identifier.ValueText));
                        break;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned }:
                        binders.Add((node, assigned.Identifier.ValueText));
                        break;
                    case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax familyOwner } familyAccess when binders.Count > 0
                        && familyOwner.Identifier.ValueText is "AddressFamily" or "IPAddress"
                        && FamilyName(familyOwner.Identifier.ValueText, familyAccess.Name.Identifier.ValueText) is { } boundFamily:
                        familiesByName ??= new Dictionary<string, List<string>>(System.StringComparer.Ordinal);
                        foreach ((SyntaxNode _, string binderName) in binders)
                        {
                            if (!familiesByName.TryGetValue(binderName, out List<string>? families))
                            {
                                familiesByName[binderName] = families = [];
                            }

                            families.Add(boundFamily);
                        }

                        break;
                    case IdentifierNameSyntax used when open.Count > 0 && familiesByName is not null
                        && familiesByName.TryGetValue(used.Identifier.ValueText, out List<string>? usedFamilies):
                        foreach (SyntaxNode opening in open)
                        {
                            foreach (string usedFamily in usedFamilies)
                            {
                                AddOpening(usedFamily, opening);
                            }
                        }

                        break;
                }

                switch (node)
                {
                    case IdentifierNameSyntax identifier:
                        string name = identifier.Identifier.ValueText;
                        if (name == "IPv6Only")
                        {
                            _ipv6OnlyNames++;
                            _ipv6OnlySetOn += IsSetOn(identifier) ? 1 : 0;
                        }

                        _namesBroadcast |= name == "EnableBroadcast" && !IsSetFalse(identifier);
                        _namesMulticastJoin |= name == "JoinMulticastGroup";
                        _namesIPv6Multicast |= name == "IPv6MulticastOption";
                        break;
                    case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } access:
                        string ownerName = owner.Identifier.ValueText;
                        string memberName = access.Name.Identifier.ValueText;
                        _namesBroadcast |= memberName == "Broadcast" && ownerName is "SocketOptionName" or "IPAddress";
                        _namesMulticastJoin |= memberName == "AddMembership" && ownerName == "SocketOptionName";
                        _namesIPv6Multicast |= memberName == "IPv6" && ownerName == "SocketOptionLevel";
                        if (open.Count > 0 && ownerName is "AddressFamily" or "IPAddress" && FamilyName(ownerName, memberName) is { } familyName)
                        {
                            foreach (SyntaxNode opening in open)
                            {
                                AddOpening(familyName, opening);
                            }
                        }

                        break;
                    case AssignmentExpressionSyntax { Left: var left, Right: LiteralExpressionSyntax right } when right.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.TrueLiteralExpression)
                        && left.GetLastToken().Text.EndsWith("DualMode", System.StringComparison.Ordinal):
                        SetsDualMode = true;
                        break;
                    case LiteralExpressionSyntax { Token.Value: string text } when IsIPv4MulticastGroup(text):
                        _namesIPv4MulticastGroup = true;
                        break;
                    case ObjectCreationExpressionSyntax or InvocationExpressionSyntax when IsOpening(node):
                        open.Add(node);
                        break;
                }
            }
        }

        public Dictionary<string, List<SyntaxNode>> OpeningsByName { get; } = new(System.StringComparer.Ordinal);

        /// <summary>Whether <paramref name="node"/> creates a socket, listener or UDP client, or binds or creates one.</summary>
        public static bool IsOpening(SyntaxNode node) => node switch
        {
            ObjectCreationExpressionSyntax { Type: var type } => LastName(type) is "Socket" or "TcpListener" or "UdpClient",
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Bind" or "Create" } } => true,
            _ => false,
        };

        public bool SetsDualMode { get; }

        /// <summary>Gets a value indicating whether every <c>IPv6Only</c> the declaration names is a <c>SetSocketOption(..., IPv6Only, true or 1)</c>.</summary>
        public bool OnlySetsIPv6OnlyOn => _ipv6OnlyNames > 0 && _ipv6OnlySetOn == _ipv6OnlyNames;

        // SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, 1) (or true): the option named as the second
        // argument of a three-argument SetSocketOption, set to a literal that is not zero or false.
        // EnableBroadcast = false: a socket that turns broadcast off is no broadcast socket.
        private static bool IsSetFalse(IdentifierNameSyntax name)
        {
            SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            return target.Parent is AssignmentExpressionSyntax { Right: LiteralExpressionSyntax value } assignment && assignment.Left == target
                && value.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.FalseLiteralExpression);
        }

        private static bool IsSetOn(IdentifierNameSyntax option)
        {
            SyntaxNode named = option.Parent is MemberAccessExpressionSyntax access && access.Name == option ? access : option;
            return named.Parent is ArgumentSyntax argument
                && argument.Parent is ArgumentListSyntax { Arguments.Count: 3 } list
                && list.Arguments[1] == argument
                && list.Parent is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SetSocketOption" } }
                && list.Arguments[2].Expression is LiteralExpressionSyntax value
                && (value.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.TrueLiteralExpression) || value.Token.Value is int and not 0);
        }

        public bool IsBroadcast => _namesBroadcast || (_namesIPv4MulticastGroup && _namesMulticastJoin);

        public bool JoinsGroupWithoutIPv6Membership => _namesMulticastJoin && !_namesIPv6Multicast;

        private static string? FamilyName(string owner, string member)
        {
            foreach (string name in FamilyNames)
            {
                if (name.Length == owner.Length + 1 + member.Length && name.StartsWith(owner, System.StringComparison.Ordinal)
                    && name[owner.Length] == '.' && string.CompareOrdinal(name, owner.Length + 1, member, 0, member.Length) == 0)
                {
                    return name;
                }
            }

            return null;
        }

        private void AddOpening(string name, SyntaxNode opening)
        {
            if (!OpeningsByName.TryGetValue(name, out List<SyntaxNode>? openings))
            {
                OpeningsByName[name] = openings = [];
            }

            // Nested openings can list one twice; a duplicate changes no answer, a search per add would cost a scan.
            if (openings.Count == 0 || openings[openings.Count - 1] != opening)
            {
                openings.Add(opening);
            }
        }
    }
}
