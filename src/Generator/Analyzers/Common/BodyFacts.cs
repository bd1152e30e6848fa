using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// What one body (a method, accessor, initializer or the top-level statements) says about its locals, computed in one
/// walk and cached for the lifetime of its operation tree: every value assigned to each local, the loop a
/// <c>foreach</c> variable comes from, and every operation of the body in source order.
/// </summary>
internal sealed class BodyFacts
{
    // Operation trees are shared by every analyzer of one driver, and die with the compilation: key the facts on the root
    // so that each body is walked once, whatever number of rules and operations ask about it.
    private static readonly ConditionalWeakTable<IOperation, BodyFacts> ByRoot = new();

    private readonly Dictionary<ILocalSymbol, List<IOperation>> _assignedValues = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _untracked = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, IForEachLoopOperation> _loops = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> _reads = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IParameterSymbol, List<ISimpleAssignmentOperation>> _parameterAssignments = new(SymbolEqualityComparer.Default);
    private readonly List<ISimpleAssignmentOperation> _memberAssignments = [];
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _addedElements = new(SymbolEqualityComparer.Default);

    private BodyFacts(IOperation root)
    {
        Root = root;
        var operations = new List<IOperation>();
        foreach (IOperation operation in root.DescendantsAndSelf())
        {
            operations.Add(operation);
            Record(operation);
        }

        Operations = operations;
    }

    /// <summary>Gets the outermost operation of the body.</summary>
    public IOperation Root { get; }

    /// <summary>Gets every operation of the body, in the order <see cref="OperationExtensions.DescendantsAndSelf"/> gives.</summary>
    public IReadOnlyList<IOperation> Operations { get; }

    /// <summary>The facts of the body <paramref name="operation"/> is in.</summary>
    public static BodyFacts Of(IOperation operation) => ByRoot.GetValue(OperationFlow.Root(operation), static root => new BodyFacts(root));

    /// <summary>The values assigned to <paramref name="local"/>; <see langword="false"/> when one cannot be followed (deconstruction, compound assignment, a pattern not in an <c>is</c>).</summary>
    public bool TryGetAssignedValues(ILocalSymbol local, out IReadOnlyList<IOperation> values)
    {
        values = _assignedValues.TryGetValue(local, out List<IOperation>? list) ? list : (IReadOnlyList<IOperation>)[];
        return !_untracked.Contains(local);
    }

    /// <summary>The <c>foreach</c> loop whose iteration variable <paramref name="local"/> is, if it is one.</summary>
    public IForEachLoopOperation? LoopOf(ILocalSymbol local) => _loops.TryGetValue(local, out IForEachLoopOperation? loop) ? loop : null;

    /// <summary>Every assignment of the body to a field or property (<c>_host = host</c>), in source order.</summary>
    public IReadOnlyList<ISimpleAssignmentOperation> MemberAssignments => _memberAssignments;

    /// <summary>The values the body adds to the collection in <paramref name="local"/> (<c>Add</c>, <c>Insert</c>, <c>Enqueue</c>, <c>Push</c>).</summary>
    public IReadOnlyList<IOperation> ElementsAddedTo(ILocalSymbol local) =>
        _addedElements.TryGetValue(local, out List<IOperation>? added) ? added : (IReadOnlyList<IOperation>)[];

    /// <summary>Every read of <paramref name="local"/> in the body.</summary>
    public IReadOnlyList<ILocalReferenceOperation> ReadsOf(ILocalSymbol local) =>
        _reads.TryGetValue(local, out List<ILocalReferenceOperation>? reads) ? reads : (IReadOnlyList<ILocalReferenceOperation>)[];

    /// <summary>
    /// The value of the last assignment to <paramref name="parameter"/> that is a statement of the body's outermost block
    /// (so it runs on every path) and ends before <paramref name="position"/>; <see langword="null"/> when there is none.
    /// </summary>
    public IOperation? LastStatementAssignmentBefore(IParameterSymbol parameter, int position)
    {
        if (!_parameterAssignments.TryGetValue(parameter, out List<ISimpleAssignmentOperation>? assignments))
        {
            return null;
        }

        IOperation? last = null;
        foreach (ISimpleAssignmentOperation assignment in assignments)
        {
            if (assignment.Syntax.Span.End <= position && assignment.Parent is IExpressionStatementOperation { Parent: IBlockOperation block }
                && block.Parent is null or IMethodBodyBaseOperation)
            {
                last = assignment.Value;
            }
        }

        return last;
    }

    // The kind first: most operations of a body are none of these, and a switch on the kind costs one comparison where a
    // chain of interface type tests costs one cast per case.
    private void Record(IOperation operation)
    {
        switch (operation.Kind)
        {
            case OperationKind.SimpleAssignment:
                var assignment = (ISimpleAssignmentOperation)operation;
                if (assignment.Target is IParameterReferenceOperation target)
                {
                    if (!_parameterAssignments.TryGetValue(target.Parameter, out List<ISimpleAssignmentOperation>? list))
                    {
                        _parameterAssignments[target.Parameter] = list = [];
                    }

                    list.Add(assignment);
                }
                else if (LocalOf(assignment.Target) is { } assigned)
                {
                    Add(assigned, assignment.Value);
                }
                else if (assignment.Target is IFieldReferenceOperation or IPropertyReferenceOperation)
                {
                    _memberAssignments.Add(assignment);
                }
                else if (assignment.Target is IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array })
                {
                    // addresses[1] = IPAddress.Any: an element of the local array, as an Add is of a list.
                    AddElement(array.Local, assignment.Value);
                }

                break;
            case OperationKind.VariableDeclarator:
                var declarator = (IVariableDeclaratorOperation)operation;
                IVariableInitializerOperation? initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                if (initializer is not null)
                {
                    Add(declarator.Symbol, initializer.Value);
                }

                break;
            case OperationKind.Invocation when operation is IInvocationOperation { TargetMethod.Name: "Add" or "Insert" or "Enqueue" or "Push", Instance: ILocalReferenceOperation list, Arguments.Length: > 0 } add:
                AddElement(list.Local, add.Arguments[add.Arguments.Length - 1].Value);
                break;
            case OperationKind.CompoundAssignment when LocalOf(((ICompoundAssignmentOperation)operation).Target) is { } compounded:
                _untracked.Add(compounded);
                break;
            case OperationKind.CoalesceAssignment when LocalOf(((ICoalesceAssignmentOperation)operation).Target) is { } coalesced:
                Add(coalesced, ((ICoalesceAssignmentOperation)operation).Value);
                break;
            case OperationKind.DeclarationPattern when ((IDeclarationPatternOperation)operation).DeclaredSymbol is ILocalSymbol declared:
                // x is IPEndPoint e, and x is not IPEndPoint e (e is assigned where the negation fails, an early return's way on).
                if (operation.Parent is IIsPatternOperation isPattern)
                {
                    Add(declared, isPattern.Value);
                }
                else if (operation.Parent is INegatedPatternOperation { Parent: IIsPatternOperation negated })
                {
                    Add(declared, negated.Value);
                }
                else
                {
                    _untracked.Add(declared);
                }

                break;
            case OperationKind.RecursivePattern when ((IRecursivePatternOperation)operation).DeclaredSymbol is ILocalSymbol recursive:
                if (operation.Parent is IIsPatternOperation recursiveIs)
                {
                    Add(recursive, recursiveIs.Value);
                }
                else
                {
                    _untracked.Add(recursive);
                }

                break;
            case OperationKind.Argument when operation is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument && LocalOf(argument.Value) is { } passed:
                Add(passed, argument);
                break;
            case OperationKind.DeconstructionAssignment:
                foreach (IOperation written in ((IDeconstructionAssignmentOperation)operation).Target.DescendantsAndSelf())
                {
                    if (LocalOf(written) is { } local)
                    {
                        _untracked.Add(local);
                    }
                }

                break;
            case OperationKind.Loop when operation is IForEachLoopOperation loop:
                foreach (ILocalSymbol local in loop.Locals)
                {
                    _loops[local] = loop;
                }

                if (loop.LoopControlVariable is not IVariableDeclaratorOperation)
                {
                    foreach (IOperation written in loop.LoopControlVariable.DescendantsAndSelf())
                    {
                        if (LocalOf(written) is { } local)
                        {
                            _untracked.Add(local);
                        }
                    }
                }

                break;
            case OperationKind.LocalReference:
                var read = (ILocalReferenceOperation)operation;
                if (!_reads.TryGetValue(read.Local, out List<ILocalReferenceOperation>? reads))
                {
                    _reads[read.Local] = reads = [];
                }

                reads.Add(read);
                break;
        }
    }

    private void Add(ILocalSymbol local, IOperation value)
    {
        if (!_assignedValues.TryGetValue(local, out List<IOperation>? values))
        {
            _assignedValues[local] = values = [];
        }

        values.Add(value);
    }

    private void AddElement(ILocalSymbol collection, IOperation element)
    {
        if (!_addedElements.TryGetValue(collection, out List<IOperation>? elements))
        {
            _addedElements[collection] = elements = [];
        }

        elements.Add(element);
    }

    private static ILocalSymbol? LocalOf(IOperation operation) => OperationFlow.Unwrap(operation) switch
    {
        ILocalReferenceOperation reference => reference.Local,
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation reference } => reference.Local,
        _ => null,
    };
}
