using System.Linq;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Common;

/// <summary>A diagnostic as equatable values, turned back into a <see cref="Diagnostic"/> when it is reported.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArguments) =>
        new(descriptor, location, new EquatableArray<string>(messageArguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArguments.Cast<object?>().ToArray());
}
