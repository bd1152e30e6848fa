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
                && block.Parent is null or IMethodBodyOperation)
            {
                last = assignment.Value;
            }
        }

        return last;
    }

    private void Record(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IParameterReferenceOperation target } parameterAssignment:
                if (!_parameterAssignments.TryGetValue(target.Parameter, out List<ISimpleAssignmentOperation>? list))
                {
                    _parameterAssignments[target.Parameter] = list = [];
                }

                list.Add(parameterAssignment);
                break;
            case IVariableDeclaratorOperation declarator:
                IVariableInitializerOperation? initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                if (initializer is not null)
                {
                    Add(declarator.Symbol, initializer.Value);
                }

                break;
            case ISimpleAssignmentOperation assignment when LocalOf(assignment.Target) is { } local:
                Add(local, assignment.Value);
                break;
            case ICompoundAssignmentOperation compound when LocalOf(compound.Target) is { } local:
                _untracked.Add(local);
                break;
            case ICoalesceAssignmentOperation coalesce when LocalOf(coalesce.Target) is { } local:
                Add(local, coalesce.Value);
                break;
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local } pattern:
                if (pattern.Parent is IIsPatternOperation isPattern)
                {
                    Add(local, isPattern.Value);
                }
                else
                {
                    _untracked.Add(local);
                }

                break;
            case IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol local } pattern:
                if (pattern.Parent is IIsPatternOperation recursiveIs)
                {
                    Add(local, recursiveIs.Value);
                }
                else
                {
                    _untracked.Add(local);
                }

                break;
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when LocalOf(argument.Value) is { } local:
                Add(local, argument);
                break;
            case IDeconstructionAssignmentOperation deconstruction:
                foreach (IOperation written in deconstruction.Target.DescendantsAndSelf())
                {
                    if (LocalOf(written) is { } local)
                    {
                        _untracked.Add(local);
                    }
                }

                break;
            case IForEachLoopOperation loop:
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
            case ILocalReferenceOperation read:
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

    private static ILocalSymbol? LocalOf(IOperation operation) => OperationFlow.Unwrap(operation) switch
    {
        ILocalReferenceOperation reference => reference.Local,
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation reference } => reference.Local,
        _ => null,
    };
}
