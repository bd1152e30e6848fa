using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// What the declaration of the type around a sink spells, read from syntax once per declaration: the identifiers it
/// names and how many sockets, listeners and UDP clients it creates or binds. The precision rules ask it whether a type
/// opens a second socket of the other family (a deliberate two-socket design) or is a broadcast socket.
/// </summary>
internal sealed class TypeSyntaxFacts
{
    private static readonly ConditionalWeakTable<SyntaxNode, TypeSyntaxFacts> ByDeclaration = new();

    private readonly HashSet<string> _identifiers = new(System.StringComparer.Ordinal);
    private static readonly string[] FamilyNames =
    [
        "AddressFamily.InterNetwork", "AddressFamily.InterNetworkV6", "IPAddress.Any", "IPAddress.IPv6Any", "IPAddress.Loopback", "IPAddress.IPv6Loopback",
    ];

    private readonly Dictionary<string, List<SyntaxNode>> _openingsByName = new(System.StringComparer.Ordinal);
    private readonly bool _namesIPv4MulticastGroup;

    private TypeSyntaxFacts(SyntaxNode declaration)
    {
        foreach (SyntaxNode node in declaration.DescendantNodes())
        {
            switch (node)
            {
                case IdentifierNameSyntax identifier:
                    _identifiers.Add(identifier.Identifier.ValueText);
                    break;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } access:
                    _identifiers.Add(owner.Identifier.ValueText + "." + access.Name.Identifier.ValueText);
                    break;
                case AssignmentExpressionSyntax { Left: var left, Right: LiteralExpressionSyntax right } when right.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.TrueLiteralExpression)
                    && left.ToString().EndsWith("DualMode", System.StringComparison.Ordinal):
                    SetsDualMode = true;
                    break;
                case LiteralExpressionSyntax { Token.Value: string text } when IsIPv4MulticastGroup(text):
                    _namesIPv4MulticastGroup = true;
                    break;
                case ObjectCreationExpressionSyntax { Type: var type } when LastName(type) is "Socket" or "TcpListener" or "UdpClient":
                    IndexOpening(node);
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Bind" or "Create" } }:
                    IndexOpening(node);
                    break;
            }
        }
    }


    /// <summary>The facts of the type declaration around <paramref name="node"/> (the compilation unit for top-level code).</summary>
    public static TypeSyntaxFacts Around(SyntaxNode node)
    {
        SyntaxNode declaration = node.FirstAncestorOrSelf<TypeDeclarationSyntax>() ?? (SyntaxNode)node.SyntaxTree.GetRoot();
        return ByDeclaration.GetValue(declaration, static declaration => new TypeSyntaxFacts(declaration));
    }

    /// <summary>Gets a value indicating whether the type sets <c>DualMode = true</c> somewhere: then its IPv6 socket serves IPv4 too, and a second IPv4 socket is no design.</summary>
    public bool SetsDualMode { get; private set; }

    /// <summary>Whether the type names <paramref name="identifier"/> (or <c>Type.Member</c>) anywhere.</summary>
    public bool Names(string identifier) => _identifiers.Contains(identifier);

    /// <summary>
    /// Whether the type opens another socket, listener or bind than <paramref name="sink"/> whose own code names one of
    /// <paramref name="names"/> (<c>AddressFamily.InterNetworkV6</c>): one socket per family, on purpose.
    /// </summary>
    public bool OpensOtherSocketNaming(SyntaxNode sink, params string[] names) => OpensOtherSocketNaming(sink, sameMember: false, names);

    /// <summary>As <see cref="OpensOtherSocketNaming(SyntaxNode, string[])"/>, limited to the member around the sink when <paramref name="sameMember"/>.</summary>
    public bool OpensOtherSocketNaming(SyntaxNode sink, bool sameMember, params string[] names)
    {
        SyntaxNode? member = sameMember ? sink.FirstAncestorOrSelf<MemberDeclarationSyntax>() : null;
        foreach (string name in names)
        {
            if (!_openingsByName.TryGetValue(name, out List<SyntaxNode>? openings))
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

    private void IndexOpening(SyntaxNode opening)
    {
        foreach (SyntaxNode node in opening.DescendantNodes())
        {
            if (node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } access)
            {
                string name = owner.Identifier.ValueText + "." + access.Name.Identifier.ValueText;
                if (System.Array.IndexOf(FamilyNames, name) >= 0)
                {
                    if (!_openingsByName.TryGetValue(name, out List<SyntaxNode>? openings))
                    {
                        _openingsByName[name] = openings = [];
                    }

                    if (openings.Count == 0 || openings[openings.Count - 1] != opening)
                    {
                        openings.Add(opening);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether the type sets up a broadcast socket or joins an IPv4 multicast group (SSDP's 239.255.255.250, mDNS's
    /// 224.0.0.251): IPv4-only protocols, whose IPv6 counterparts are other groups on other sockets.
    /// </summary>
    public bool IsBroadcast =>
        Names("EnableBroadcast") || Names("SocketOptionName.Broadcast") || Names("IPAddress.Broadcast")
        || (_namesIPv4MulticastGroup && (Names("JoinMulticastGroup") || Names("SocketOptionName.AddMembership")));

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
}
