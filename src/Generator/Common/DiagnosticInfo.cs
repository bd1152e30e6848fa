using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Common;

/// <summary>
/// A diagnostic found by the parser, turned into a <see cref="Diagnostic"/> when it is reported. Its location is the
/// real one in the user's syntax tree: a location rebuilt from a path and a span is an external file to Roslyn, which
/// then ignores <c>#pragma warning disable</c> and <c>[SuppressMessage]</c> for it.
/// </summary>
/// <remarks>
/// The syntax tree it holds is why diagnostics travel on a branch of the pipeline of their own: the specs the output
/// is made from hold no location, so they still compare equal across edits. Two infos compare equal when their
/// locations are in the same tree at the same span, which is the case for an unedited file after an unrelated edit.
/// </remarks>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] messageArguments) =>
        new(descriptor, location, new EquatableArray<string>(messageArguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location, MessageArguments.Cast<object?>().ToArray());
}
