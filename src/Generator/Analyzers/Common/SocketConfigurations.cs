using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// The <c>DualMode</c> assignments and <c>SetSocketOption</c> calls of a body by the socket they configure, found once per
/// body: a bind then looks at its own socket's only.
/// </summary>
internal sealed class SocketConfigurations
{
    private static readonly ConditionalWeakTable<BodyFacts, SocketConfigurations> ByBody = new();

    private readonly Dictionary<int, List<IOperation>> _bySocket = [];

    private SocketConfigurations(BodyFacts body)
    {
        foreach (IOperation candidate in body.Operations)
        {
            IOperation? socket = candidate switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "DualMode", Instance: { } instance } } => instance,
                IPropertyReferenceOperation { Property.Name: "DualMode", Parent: ISimpleAssignmentOperation, Instance: { } instance } => instance,
                IInvocationOperation { TargetMethod.Name: "SetSocketOption", Instance: { } instance } => instance,
                _ => null,
            };
            if (socket is not null && SocketReference.From(socket) is { } reference)
            {
                if (!_bySocket.TryGetValue(reference.Key, out List<IOperation>? list))
                {
                    _bySocket[reference.Key] = list = [];
                }

                list.Add(candidate);
            }
        }
    }

    /// <summary>The configurations in the body of <paramref name="operation"/> of <paramref name="socket"/> (and of any socket sharing its hash).</summary>
    public static IReadOnlyList<IOperation> Of(IOperation operation, SocketReference socket) =>
        ByBody.GetValue(BodyFacts.Of(operation), static body => new SocketConfigurations(body))._bySocket.TryGetValue(socket.Key, out List<IOperation>? list)
            ? list
            : [];
}
