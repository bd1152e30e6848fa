using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DualStackGen.Generator.Analyzers.Common;

/// <summary>
/// Where a value can come from, across the compilation: through conversions, <c>?:</c>, <c>??</c>, switch expressions,
/// locals (every assignment in the body), fields and properties declared in source (every assignment anywhere), parameters
/// (the arguments of every call site) and the compilation's own methods (every returned value). What is left — a literal,
/// a well-known field of <see cref="System.Net.IPAddress"/>, a creation, a call into a library, an unresolved parameter — is
/// an origin, the place a person would change.
/// </summary>
internal static class ValueFlow
{
    // Hops from one body to another (a field, a parameter's call sites, a method's returns); the bound keeps a query
    // cheap and finite whatever the shape of the code.
    private const int MaxHops = 5;
    private const int MaxOrigins = 64;

    // Nested steps inside one walk (a local copied from a local, thousands deep in machine-written code) recurse once
    // each and do not count as hops: past this depth the value is left as an origin instead of overflowing the stack,
    // which would kill the compiler rather than one rule.
    private const int MaxDepth = 256;

    /// <summary>
    /// The origins of <paramref name="value"/>. With <paramref name="skipFamilyChoices"/>, the values that reach it only
    /// through an arm of a choice made by family or capability (<c>family == InterNetwork ? v4Address : v6Address</c>,
    /// in another member than the origin) are left out: the other family is handled on the other arm.
    /// </summary>
    public static List<IOperation> Origins(IOperation? value, Compilation compilation, bool skipFamilyChoices = false)
    {
        if (value is null)
        {
            return [];
        }

        // Several rules follow the same value (a listener's address is DSG0002's, DSG0003's, DSG0006's and DSG0008's
        // sink): the walk is made once per value and kind, and each caller gets a list of its own.
        OriginsOfValue memo = ByValue.GetValue(value, static _ => new OriginsOfValue());
        IOperation[]? known = skipFamilyChoices ? Volatile.Read(ref memo.SkippingFamilyChoices) : Volatile.Read(ref memo.All);
        if (known is null)
        {
            var origins = new List<IOperation>();
            var walk = new Walk(CompilationFlow.Of(compilation), origins, skipFamilyChoices, ConstructionOf(value));
            walk.Collect(value, 0);
            known = [.. origins];
            if (skipFamilyChoices)
            {
                Volatile.Write(ref memo.SkippingFamilyChoices, known);
            }
            else
            {
                Volatile.Write(ref memo.All, known);
            }
        }

        return [.. known];
    }

    // The instance constructor whose own statements read the value (not a lambda or local function in it, which may run
    // after the construction), with the type it constructs.
    private static (IConstructorBodyOperation Body, INamedTypeSymbol Type)? ConstructionOf(IOperation value)
    {
        IOperation operation = value;
        while (operation.Parent is not null)
        {
            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            operation = operation.Parent;
        }

        return operation is IConstructorBodyOperation body
            && ConstructedTypes.GetValue(body, static root => new StrongBox<INamedTypeSymbol?>(ConstructedType((IConstructorBodyOperation)root))).Value is { } type
            ? (body, type)
            : null;
    }

    // Asked for every value a constructor's sinks follow: the symbol is found once per body.
    private static readonly ConditionalWeakTable<IOperation, StrongBox<INamedTypeSymbol?>> ConstructedTypes = new();

    private static INamedTypeSymbol? ConstructedType(IConstructorBodyOperation body) =>
        body is { Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax declaration }
        && body.SemanticModel?.GetDeclaredSymbol(declaration) is IMethodSymbol { IsStatic: false, ContainingType: { } type }
            ? type
            : null;

    // Keyed by the operation, so the walks live as long as its tree; a value belongs to one compilation.
    private static readonly ConditionalWeakTable<IOperation, OriginsOfValue> ByValue = new();

    private sealed class OriginsOfValue
    {
        public IOperation[]? All;
        public IOperation[]? SkippingFamilyChoices;
    }

    /// <summary>Whether some origin of <paramref name="value"/> satisfies <paramref name="predicate"/>.</summary>
    public static bool AnyOrigin(IOperation? value, Compilation compilation, System.Func<IOperation, bool> predicate) =>
        Origins(value, compilation).Exists(origin => predicate(origin));

    private sealed class Walk
    {
        private readonly CompilationFlow _flow;
        private readonly List<IOperation> _origins;
        // Made on first use: most walks end at their first operation (a literal, a field of IPAddress, a creation) and
        // need no set; a sink on every line of a long method would otherwise allocate two per walk.
        private HashSet<ISymbol>? _expanded;
        private readonly bool _skipFamilyChoices;
        private HashSet<ISymbol>? _expandedElements;

        // The position of the loop variable being followed in a deconstructing foreach, or -1.
        private int _component = -1;

        // A value read in an instance constructor reads the fields of the instance being constructed: what another
        // constructor of the type stores there belongs to another construction, and a field the constructor itself
        // assigned before the read holds that value, not its initializer.
        private readonly IConstructorBodyOperation? _construction;
        private readonly INamedTypeSymbol? _constructedType;

        // Where the construction reads the property whose getter's returned value is being followed (a getter that
        // returns the field), or -1: the getter runs on the constructed instance, at that point of the constructor.
        private int _readThroughOwnGetterAt = -1;

        // The static type of the instance whose member's values are being followed (this in DatagramListener.Start): the
        // instance is one of that type or a subclass, so only a construction of such an instance stored the value. What a
        // sibling class passes to the shared base's constructor is another instance's.
        private INamedTypeSymbol? _instanceType;

        public Walk(CompilationFlow flow, List<IOperation> origins, bool skipFamilyChoices, (IConstructorBodyOperation Body, INamedTypeSymbol Type)? construction)
        {
            _flow = flow;
            _origins = origins;
            _skipFamilyChoices = skipFamilyChoices;
            _construction = construction?.Body;
            _constructedType = construction?.Type;
        }

        private HashSet<ISymbol> Expanded => _expanded ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        private HashSet<ISymbol> ExpandedElements => _expandedElements ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        private int _depth;

        public void Collect(IOperation operation, int hops)
        {
            if (_origins.Count >= MaxOrigins)
            {
                return;
            }

            if (_depth >= MaxDepth)
            {
                _origins.Add(operation);
                return;
            }

            _depth++;
            try
            {
                CollectOne(operation, hops);
            }
            finally
            {
                _depth--;
            }
        }

        private void CollectOne(IOperation operation, int hops)
        {
            int readThroughOwnGetterAt = _readThroughOwnGetterAt;
            _readThroughOwnGetterAt = -1;
            if (hops < MaxHops && UserDefinedConversion(operation) is { OperatorMethod: { } conversionOperator } conversion)
            {
                // (IPEndPoint)endPointData through the compilation's own implicit operator: what that operator returns.
                CollectReturns(conversion, conversionOperator, hops);
                return;
            }

            operation = OperationFlow.Unwrap(operation);
            if (_skipFamilyChoices && FamilyBranch.IsInFamilyCheckedArm(operation))
            {
                return;
            }

            switch (operation)
            {
                case IConditionalOperation { WhenFalse: not null } conditional:
                    Collect(conditional.WhenTrue, hops);
                    Collect(conditional.WhenFalse, hops);
                    return;
                case ICoalesceOperation coalesce:
                    Collect(coalesce.Value, hops);
                    Collect(coalesce.WhenNull, hops);
                    return;
                case ISwitchExpressionOperation switchExpression:
                    foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                    {
                        Collect(arm.Value, hops);
                    }

                    return;
                case ISimpleAssignmentOperation chained:
                    Collect(chained.Value, hops);
                    return;
                case ILocalReferenceOperation { Local.IsConst: false } local:
                    CollectLocal(local, hops);
                    return;
                case IFieldReferenceOperation { Field.IsConst: false } field when IsSource(field.Field) && hops < MaxHops:
                    CollectMember(operation, field.Field, hops, readThroughOwnGetterAt);
                    return;
                case IPropertyReferenceOperation { Arguments.Length: 0 } property when IsSource(property.Property) && hops < MaxHops:
                    CollectMember(operation, property.Property, hops, readThroughOwnGetterAt);
                    return;
                case IParameterReferenceOperation parameter when hops < MaxHops && parameter.Parameter.RefKind == RefKind.None:
                    CollectParameter(parameter, hops);
                    return;
                case IInvocationOperation invocation when hops < MaxHops && HasSourceBody(invocation.TargetMethod):
                    CollectReturns(invocation, invocation.TargetMethod, hops);
                    return;
                case IInvocationOperation { TargetMethod: { IsAbstract: true } or { IsVirtual: true } } invocation when hops < MaxHops && IsSource(invocation.TargetMethod)
                    && invocation.TargetMethod.ContainingType.TypeKind is TypeKind.Class or TypeKind.Interface:
                    CollectOverrideReturns(invocation, invocation.TargetMethod, hops);
                    return;
                case IAwaitOperation awaitOperation when hops < MaxHops && OperationFlow.AwaitedValue(awaitOperation) is IInvocationOperation awaited && HasSourceBody(awaited.TargetMethod):
                    CollectReturns(operation, awaited.TargetMethod, hops);
                    return;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation } element when hops < MaxHops:
                    // hosts[i] of a list the code filled (hosts.Add(IPAddress.Any) as the fallback): the read is an
                    // origin as before, and so is what was put in.
                    _origins.Add(operation);
                    CollectElements(element.Instance!, hops);
                    return;
                case IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation } element when hops < MaxHops:
                    // addresses[index] of an array the code made (new IPAddress[] { IPAddress.Any } in a constructor):
                    // the read is an origin, and so is every element put in.
                    _origins.Add(operation);
                    CollectElements(element.ArrayReference, hops);
                    return;
                default:
                    _origins.Add(operation);
                    return;
            }
        }

        private void CollectLocal(ILocalReferenceOperation reference, int hops)
        {
            // A local met again (a = Normalize(a)) adds nothing new: its assignments are already being collected.
            if (!Expanded.Add(reference.Local))
            {
                return;
            }

            BodyFacts facts = BodyFacts.Of(reference);
            if (facts.LoopOf(reference.Local) is { } loop)
            {
                _origins.Add(loop);
                int outer = _component;
                _component = DeconstructedComponent(loop, reference.Local);
                CollectElements(loop.Collection, hops);
                _component = outer;
                return;
            }

            if (!facts.TryGetAssignedValues(reference.Local, out IReadOnlyList<IOperation> values) || values.Count == 0)
            {
                _origins.Add(reference);
                return;
            }

            if (_skipFamilyChoices && IsChosenByFamily(values))
            {
                return;
            }

            foreach (IOperation value in values)
            {
                if (value is IArgumentOperation { Parameter: { RefKind: RefKind.Out } parameter } outArgument && hops < MaxHops && IsSource(parameter)
                    && _flow.OutValues(parameter) is { Count: > 0 } outValues && Expanded.Add(parameter))
                {
                    // ResolveHostname(host, out IPAddress[] addresses): what the compilation's own method stores there.
                    foreach (IOperation outValue in outValues)
                    {
                        Collect(outValue, hops + 1);
                    }
                }
                else if (value is IArgumentOperation)
                {
                    _origins.Add(value);
                }
                else
                {
                    Collect(value, hops);
                }
            }
        }

        // The elements a loop variable can be: what the compilation adds to the field or property the collection comes
        // from, followed through assignments, parameters and getters (a builder's list handed to the host it builds).
        private void CollectElements(IOperation collection, int hops)
        {
            if (hops >= MaxHops || _origins.Count >= MaxOrigins || _depth >= MaxDepth)
            {
                return;
            }

            _depth++;
            try
            {
                CollectElementsOne(collection, hops);
            }
            finally
            {
                _depth--;
            }
        }

        private void CollectElementsOne(IOperation collection, int hops)
        {
            switch (OperationFlow.Unwrap(collection))
            {
                case IFieldReferenceOperation { Field: { } field } when IsSource(field):
                    CollectElementsOf(field, hops);
                    break;
                case IPropertyReferenceOperation { Arguments.Length: 0, Property: { } property } when IsSource(property):
                    CollectElementsOf(property, hops);
                    break;
                case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None, ContainingSymbol: IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LambdaMethod) } } parameter }:
                    if (ExpandedElements.Add(parameter))
                    {
                        foreach (IOperation argument in _flow.ArgumentValues(parameter))
                        {
                            CollectElements(argument, hops + 1);
                        }
                    }

                    break;
                case ILocalReferenceOperation { Local: { IsConst: false } local } localReference:
                    if (ExpandedElements.Add(local))
                    {
                        BodyFacts body = BodyFacts.Of(localReference);
                        foreach (IOperation added in body.ElementsAddedTo(local))
                        {
                            Collect(added, hops + 1);
                        }

                        if (body.TryGetAssignedValues(local, out IReadOnlyList<IOperation> values))
                        {
                            foreach (IOperation value in values)
                            {
                                CollectElements(value, hops);
                            }
                        }
                    }

                    break;
                case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                    CollectElements(choice.WhenTrue, hops);
                    CollectElements(whenFalse, hops);
                    break;
                case ICoalesceOperation coalesce:
                    CollectElements(coalesce.Value, hops);
                    CollectElements(coalesce.WhenNull, hops);
                    break;
                case IObjectCreationOperation { Initializer: { } initializer }:
                    // new List<IPAddress> { IPAddress.Any }: each Add of the initializer is an element.
                    foreach (IOperation added in initializer.Initializers)
                    {
                        if (added is IInvocationOperation { Arguments.Length: 1 } add)
                        {
                            Collect(add.Arguments[0].Value, hops + 1);
                        }
                    }

                    break;
                case IArrayCreationOperation { Initializer: { } arrayInitializer }:
                    foreach (IOperation element in arrayInitializer.ElementValues)
                    {
                        Collect(element, hops + 1);
                    }

                    break;
            }
        }

        private void CollectElementsOf(ISymbol member, int hops)
        {
            if (!ExpandedElements.Add(member))
            {
                return;
            }

            foreach (IOperation element in _flow.ElementValues(member))
            {
                // foreach ((IPAddress address, int port) in _bindings) after _bindings.Add((address, port)): the address's own component.
                if (_component >= 0 && OperationFlow.Unwrap(element) is ITupleOperation tuple && _component < tuple.Elements.Length)
                {
                    int component = _component;
                    _component = -1;
                    Collect(tuple.Elements[component], hops + 1);
                    _component = component;
                }
                else
                {
                    Collect(element, hops + 1);
                }
            }

            foreach (IOperation value in _flow.AssignedValues(member))
            {
                CollectElements(value, hops + 1);
            }

            if (member is IPropertySymbol { GetMethod: { } getter } && HasSourceBody(getter))
            {
                foreach (IOperation value in _flow.ReturnedValues(getter))
                {
                    CollectElements(value, hops + 1);
                }
            }
        }

        private void CollectMember(IOperation reference, ISymbol member, int hops, int readThroughOwnGetterAt)
        {
            if (!Expanded.Add(member))
            {
                return;
            }

            INamedTypeSymbol? outerInstanceType = _instanceType;
            _instanceType = member.IsStatic ? null : (reference as IMemberReferenceOperation)?.Instance?.Type as INamedTypeSymbol;
            int constructionReadsAt = ConstructionReadAt(reference, member, readThroughOwnGetterAt);
            IReadOnlyList<IOperation> values = _flow.AssignedValues(member);
            bool returnedByGetter = false;
            bool assignedBeforeConstructionRead = false;
            if (values.Count == 0 && PositionalParameter(member) is { } parameter)
            {
                // A positional record's property holds what its primary constructor was given.
                values = _flow.ArgumentValues(parameter);
            }
            else if (values.Count == 0 && member is IPropertySymbol { GetMethod: { } getter } && HasSourceBody(getter))
            {
                values = _flow.ReturnedValues(getter);
                returnedByGetter = true;
            }
            else if (constructionReadsAt >= 0)
            {
                values = SeenByConstruction(values, constructionReadsAt, out assignedBeforeConstructionRead);
            }

            if (values.Count == 0 && member is IPropertySymbol { ContainingType.TypeKind: TypeKind.Interface } declared)
            {
                // Read through the interface, set on the class (definition.Endpoint = new IPEndPoint(IPAddress.Any, port)),
                // or computed by the class's getter (public virtual IPAddress Address => IPAddress.Any).
                values = _flow.ImplementationAssignedValues(declared);
                if (declared.GetMethod is { } getter && _flow.OverrideReturnedValues(getter) is { Count: > 0 } returned)
                {
                    values = [.. values, .. returned];
                }
            }

            if (_skipFamilyChoices && IsChosenByFamily(values))
            {
                _instanceType = outerInstanceType;
                return;
            }

            // A public settable property of a public type (an options class) is also set from outside the compilation: a
            // configuration binder, the application. Its initializer is a default, not its only value.
            // Not when the constructor reading it assigned it just before: nothing outside runs in between.
            if (values.Count == 0 || (IsSetFromOutside(member) && !assignedBeforeConstructionRead) || IsReadFromDeserialized(reference, member))
            {
                _origins.Add(reference);
            }

            foreach (IOperation value in values)
            {
                if (_instanceType is { } instance && IsStoredOnAnotherLineOfInheritance(value, instance))
                {
                    continue;
                }

                _readThroughOwnGetterAt = returnedByGetter ? constructionReadsAt : -1;
                Collect(value, hops + 1);
            }

            _readThroughOwnGetterAt = -1;
            _instanceType = outerInstanceType;
        }

        // _ip = IPAddress.Parse(args[0]) in a Client constructor, where a sibling Server : Host listens on the protected
        // _ip it inherits: an assignment on this in a type that is neither the read instance's type, one of its bases
        // nor one of its subclasses stores into other instances than the one read.
        private static bool IsStoredOnAnotherLineOfInheritance(IOperation value, INamedTypeSymbol instance)
        {
            // Only this: an object initializer's member (new Package { Sender = ... }) is the new object's, whoever writes it.
            if (value.Parent is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } } assignment
                || assignment.Value != value
                || value.SemanticModel is not { } model
                || value.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>() is not { } declaration
                || model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol storing)
            {
                return false;
            }

            return !DerivesFromOrIs(instance, storing) && !DerivesFromOrIs(storing, instance);
        }

        // The point of the constructor at which it reads this member of its own instance (this.member, or a getter of its
        // own reached from such a read), or -1 when the read is not the construction's.
        private int ConstructionReadAt(IOperation reference, ISymbol member, int readThroughOwnGetterAt)
        {
            if (_construction is null || member.IsStatic
                || reference is not IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } }
                || !SymbolEqualityComparer.Default.Equals(member.ContainingType, _constructedType))
            {
                return -1;
            }

            if (readThroughOwnGetterAt >= 0)
            {
                return readThroughOwnGetterAt;
            }

            return reference.Syntax.SyntaxTree == _construction.Syntax.SyntaxTree && _construction.Syntax.Span.Contains(reference.Syntax.Span) ? reference.Syntax.SpanStart : -1;
        }

        // What a read at readAt in the constructor can see of a member's assigned values: not what the type's other
        // constructors store (unless this one chains to another with this(...), which may be any of them), and only the
        // last value the constructor itself assigns in a statement of its own body before the read, when it assigns one.
        private IReadOnlyList<IOperation> SeenByConstruction(IReadOnlyList<IOperation> values, int readAt, out bool assignedBefore)
        {
            SyntaxNode constructor = _construction!.Syntax;
            bool chainsToAnother = constructor is Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax { Initializer.ThisOrBaseKeyword.ValueText: "this" };
            IOperation? lastAssignedBefore = null;
            var seen = new List<IOperation>(values.Count);
            foreach (IOperation value in values)
            {
                bool inThisConstructor = value.Syntax.SyntaxTree == constructor.SyntaxTree && constructor.Span.Contains(value.Syntax.Span);
                if (inThisConstructor)
                {
                    if (value.Parent is ISimpleAssignmentOperation { Parent: IExpressionStatementOperation { Parent: IBlockOperation { Parent: IConstructorBodyOperation } } } assignment)
                    {
                        if (assignment.Syntax.Span.End <= readAt && (lastAssignedBefore is null || lastAssignedBefore.Syntax.SpanStart < value.Syntax.SpanStart))
                        {
                            lastAssignedBefore = value;
                        }

                        if (assignment.Syntax.SpanStart >= readAt)
                        {
                            continue;
                        }
                    }
                }
                else if (!chainsToAnother && value.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax>() is { } other
                    && !Microsoft.CodeAnalysis.CSharpExtensions.Any(other.Modifiers, Microsoft.CodeAnalysis.CSharp.SyntaxKind.StaticKeyword)
                    && other.Parent == constructor.Parent)
                {
                    continue;
                }

                seen.Add(value);
            }

            assignedBefore = lastAssignedBefore is not null;
            if (lastAssignedBefore is null)
            {
                return seen;
            }

            // Later values inside the constructor (an assignment in a branch after the statement) still count, and so do
            // those of the type's methods, which the constructor may call in between (ApplyDefaults()).
            return seen.Where(value => value == lastAssignedBefore
                || (value.Syntax.SyntaxTree == constructor.SyntaxTree && constructor.Span.Contains(value.Syntax.Span) && value.Syntax.SpanStart > lastAssignedBefore.Syntax.SpanStart && value.Syntax.SpanStart < readAt)
                || value.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax>() is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax
                || value.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax>() is not null).ToList();
        }

        // address = v4Address; if (family == InterNetworkV6) { address = v6Address; }: the first value is the default of a
        // choice made by family, as much as the arm that replaces it.
        private static bool IsChosenByFamily(IReadOnlyList<IOperation> values)
        {
            if (values.Count < 2)
            {
                return false;
            }

            foreach (IOperation value in values)
            {
                if (FamilyBranch.IsInFamilyCheckedArm(value))
                {
                    return true;
                }
            }

            return false;
        }

        // An options object a deserializer or a configuration binder made (appSetting = await JsonSerializer.DeserializeAsync<AppSetting>(file))
        // holds what the file says, whatever the type's accessibility: the initializers of its settable properties are
        // defaults. The instance is looked at one step back (what its field, property or local is assigned), not followed.
        private bool IsReadFromDeserialized(IOperation reference, ISymbol member)
        {
            if (member is not IPropertySymbol { IsStatic: false, SetMethod.DeclaredAccessibility: Accessibility.Public } property
                || reference is not IPropertyReferenceOperation { Instance: { } instance })
            {
                return false;
            }

            IReadOnlyList<IOperation> instances = OperationFlow.Unwrap(instance) switch
            {
                IFieldReferenceOperation field => _flow.AssignedValues(field.Field),
                IPropertyReferenceOperation holder => _flow.AssignedValues(holder.Property),
                ILocalReferenceOperation local when BodyFacts.Of(local).TryGetAssignedValues(local.Local, out IReadOnlyList<IOperation> assigned) => assigned,
                var value => [value],
            };
            foreach (IOperation value in instances)
            {
                if (IsDeserializationOf(value, property.ContainingType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDeserializationOf(IOperation value, INamedTypeSymbol type)
        {
            value = OperationFlow.Unwrap(value);
            if (value is ICoalesceOperation fallback)
            {
                value = OperationFlow.Unwrap(fallback.Value);
            }

            if (value is IAwaitOperation awaited)
            {
                value = OperationFlow.Unwrap(awaited.Operation);
            }

            return value is IInvocationOperation { TargetMethod: { IsGenericMethod: true, Name: "Deserialize" or "DeserializeAsync" or "DeserializeObject" or "Get" or "GetValue" or "ReadFromJsonAsync" or "GetFromJsonAsync" } method }
                && method.TypeArguments.Any(argument => SymbolEqualityComparer.Default.Equals(argument, type));
        }

        // A public field that is not read-only (a component's inspector field, a settings class with fields) is set from outside the same way.
        private static bool IsSetFromOutside(ISymbol member) =>
            member is IPropertySymbol { SetMethod.DeclaredAccessibility: Accessibility.Public, DeclaredAccessibility: Accessibility.Public, ContainingType.DeclaredAccessibility: Accessibility.Public }
            or IFieldSymbol { IsReadOnly: false, IsConst: false, DeclaredAccessibility: Accessibility.Public, ContainingType.DeclaredAccessibility: Accessibility.Public };

        // The primary constructor parameter a positional record property is declared by (both point at one parameter syntax).
        private static IParameterSymbol? PositionalParameter(ISymbol member)
        {
            if (member is not IPropertySymbol { ContainingType.IsRecord: true } property || property.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            SyntaxReference declaration = property.DeclaringSyntaxReferences[0];
            foreach (IMethodSymbol constructor in property.ContainingType.InstanceConstructors)
            {
                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    if (parameter.Name == property.Name && parameter.DeclaringSyntaxReferences.Length == 1
                        && parameter.DeclaringSyntaxReferences[0].SyntaxTree == declaration.SyntaxTree && parameter.DeclaringSyntaxReferences[0].Span == declaration.Span)
                    {
                        return parameter;
                    }
                }
            }

            return null;
        }

        private static int DeconstructedComponent(IForEachLoopOperation loop, ILocalSymbol local)
        {
            IOperation control = loop.LoopControlVariable is IDeclarationExpressionOperation declaration ? declaration.Expression : loop.LoopControlVariable;
            if (control is not ITupleOperation tuple)
            {
                return -1;
            }

            for (int i = 0; i < tuple.Elements.Length; i++)
            {
                IOperation element = tuple.Elements[i] is IDeclarationExpressionOperation declared ? declared.Expression : tuple.Elements[i];
                if (element is ILocalReferenceOperation named && SymbolEqualityComparer.Default.Equals(named.Local, local))
                {
                    return i;
                }
            }

            return -1;
        }

        private void CollectParameter(IParameterReferenceOperation reference, int hops)
        {
            IParameterSymbol parameter = reference.Parameter;

            // address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address; at the top of the body: later reads see that value only.
            if (BodyFacts.Of(reference).LastStatementAssignmentBefore(parameter, reference.Syntax.SpanStart) is { } assigned)
            {
                Collect(assigned, hops);
                return;
            }

            if (!Expanded.Add(parameter))
            {
                return;
            }

            IReadOnlyList<IOperation> arguments = parameter.ContainingSymbol switch
            {
                // A setter's value is whatever the compilation assigns to the property.
                IMethodSymbol { MethodKind: MethodKind.PropertySet, AssociatedSymbol: IPropertySymbol property } => _flow.AssignedValues(property),
                IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LambdaMethod) } => _flow.ArgumentValues(parameter),
                _ => LambdaArguments(reference, parameter),
            };

            // A method given as a method group (StartListen(OnNewConnection)) is also called where the receiving method
            // calls its delegate parameter.
            IReadOnlyList<IOperation> delegateArguments = _flow.MethodGroupArgumentValues(parameter);

            // A caller outside the compilation (or none at all: an entry point, a callback) may pass anything; so may whoever
            // else calls a lambda or a method group (its delegate may be stored and called elsewhere too).
            if (arguments.Count == 0 || delegateArguments.Count > 0
                || parameter.ContainingSymbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal
                || parameter.HasExplicitDefaultValue || parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LambdaMethod })
            {
                _origins.Add(reference);
            }

            if (delegateArguments.Count > 0)
            {
                arguments = [.. arguments, .. delegateArguments];
            }

            // A constructor's parameter keeps the instance being followed into this(...) and base(...), which build the
            // same one; new X(...) builds it from the code of another instance (a constructor that creates its parts), and
            // any other method's arguments are values of their callers, whatever instance they work on.
            INamedTypeSymbol? outerInstanceType = _instanceType;
            INamedTypeSymbol? instanceType = parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ? _instanceType : null;
            foreach (IOperation argument in arguments)
            {
                if (instanceType is null || MayConstructInstanceOf(argument, instanceType))
                {
                    _instanceType = argument.Parent?.Parent is IObjectCreationOperation ? null : instanceType;
                    Collect(argument, hops + 1);
                }
            }

            _instanceType = outerInstanceType;
        }

        // A lambda given to a method of the compilation (listener.StartListen(client => ...)) is called where that method
        // calls its delegate parameter (onNew(client)): those arguments are values of the lambda's parameters.
        private IReadOnlyList<IOperation> LambdaArguments(IParameterReferenceOperation reference, IParameterSymbol parameter)
        {
            IOperation? lambda = reference.Parent;
            while (lambda is not null && !(lambda is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, parameter.ContainingSymbol)))
            {
                lambda = lambda.Parent;
            }

            IOperation? passed = lambda?.Parent;
            while (passed is IDelegateCreationOperation or IConversionOperation)
            {
                passed = passed.Parent;
            }

            return passed is IArgumentOperation { Parameter: { } delegateParameter } && CompilationFlow.IsDeclaredInSource(delegateParameter.ContainingSymbol)
                ? _flow.DelegateCallArguments(delegateParameter, parameter.Ordinal)
                : [];
        }

        // Whether the constructor call that passes argument can build an instance of instanceType: new X(...) builds an X,
        // and base(...) or this(...) in a constructor of E builds an E or one of E's subclasses.
        private static bool MayConstructInstanceOf(IOperation argument, INamedTypeSymbol instanceType)
        {
            switch (argument.Parent?.Parent)
            {
                case IObjectCreationOperation { Type: INamedTypeSymbol created }:
                    return DerivesFromOrIs(created, instanceType);
                case IInvocationOperation { TargetMethod.MethodKind: MethodKind.Constructor, Instance: IInstanceReferenceOperation } initializer
                    when ConstructingType(initializer) is { } constructing:
                    return DerivesFromOrIs(constructing, instanceType) || DerivesFromOrIs(instanceType, constructing);
                default:
                    return true;
            }
        }

        // The type whose constructor a this(...) or base(...) initializer belongs to (its instance reference is typed as
        // the constructor called, the base class for base(...)).
        private static INamedTypeSymbol? ConstructingType(IInvocationOperation initializer) =>
            initializer.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>() is { } declaration
                ? initializer.SemanticModel?.GetDeclaredSymbol(declaration) as INamedTypeSymbol
                : null;

        private static bool DerivesFromOrIs(INamedTypeSymbol type, INamedTypeSymbol ancestor)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, ancestor.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private void CollectOverrideReturns(IOperation call, IMethodSymbol method, int hops)
        {
            if (!Expanded.Add(method.OriginalDefinition))
            {
                return;
            }

            IReadOnlyList<IOperation> returned = _flow.OverrideReturnedValues(method);
            if (returned.Count == 0 || method.IsVirtual)
            {
                // A virtual method's own body (or a library's override) may be what runs.
                returned = method.IsVirtual && HasSourceBody(method) ? returned.Concat(_flow.ReturnedValues(method)).ToList() : returned;
                if (returned.Count == 0)
                {
                    _origins.Add(call);
                    return;
                }
            }

            foreach (IOperation value in returned)
            {
                Collect(value, hops + 1);
            }
        }

        private void CollectReturns(IOperation call, IMethodSymbol method, int hops)
        {
            if (!Expanded.Add(method.OriginalDefinition))
            {
                return;
            }

            IReadOnlyList<IOperation> returned = _flow.ReturnedValues(method);
            if (returned.Count == 0)
            {
                _origins.Add(call);
                return;
            }

            foreach (IOperation value in returned)
            {
                Collect(value, hops + 1);
            }
        }

        private static bool IsSource(ISymbol symbol) => CompilationFlow.IsDeclaredInSource(symbol);

        private static IConversionOperation? UserDefinedConversion(IOperation operation)
        {
            for (IOperation value = operation; value is IConversionOperation conversion; value = conversion.Operand)
            {
                if (conversion.OperatorMethod is { MethodKind: MethodKind.Conversion } method && IsSource(method))
                {
                    return conversion;
                }
            }

            return null;
        }

        private static bool HasSourceBody(IMethodSymbol method) =>
            method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.LocalFunction
            && !method.IsAbstract && !method.IsExtern && method.OriginalDefinition.DeclaringSyntaxReferences.Length > 0
            && !method.OriginalDefinition.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree.FilePath.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase));
    }
}
