using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DualStackGen.Generator.Common;
using DualStackGen.Generator.Diagnostics;
using DualStackGen.Generator.Servers.Models;
using Microsoft.CodeAnalysis;

namespace DualStackGen.Generator.Servers;

public sealed partial class ServerGenerator
{
    /// <summary>
    /// Reads what the generic-host glue needs: whether a namespace-level class can name the server, and which
    /// constructor its factory calls with which services.
    /// </summary>
    internal static class HostingParser
    {
        private const string ActivatorUtilitiesConstructorAttribute = "global::Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructorAttribute";
        private const string SetsRequiredMembersAttribute = "global::System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute";

        public static HostingInfo Read(
            INamedTypeSymbol serverClass,
            SyntaxToken identifier,
            List<DiagnosticInfo> diagnostics,
            out HostingCandidate? candidate,
            CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            candidate = null;
            string? accessibility = EffectiveAccessibility(serverClass);
            string extensionsClassName = ExtensionsClassName(serverClass);
            var hosting = new HostingInfo(accessibility, FullName(serverClass), extensionsClassName, null, CanAddDispose(serverClass));

            // Without a namespace-level class that can name the server, or anything that could construct it, there is
            // no glue to withhold, so nothing to report.
            if (!GetsGlue(serverClass))
            {
                return hosting;
            }

            string? problem = FindConstructor(serverClass, out IMethodSymbol? constructor);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoHostingConstructor, SourceLocation.Of(identifier), serverClass.Name, problem));
                return hosting;
            }

            // A source type's containing namespace holds only this assembly's types: a referenced assembly's cannot
            // collide. A clash with another server is found across servers, from their candidates (FindClashes).
            INamespaceSymbol ns = serverClass.ContainingNamespace;
            if (ns.GetTypeMembers(extensionsClassName).FirstOrDefault(type => type.Arity == 0) is { } userType)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.HostingNameClash,
                    SourceLocation.Of(identifier),
                    serverClass.Name,
                    $"the type '{userType.ToDisplayString()}' already has the name of the extension class '{extensionsClassName}'"));
                return hosting;
            }

            // An unresolved parameter type is already a compiler error; glue naming it would only add more.
            if (constructor!.Parameters.Any(parameter => parameter.Type.TypeKind == TypeKind.Error))
            {
                return hosting;
            }

            candidate = new HostingCandidate(
                ns.IsGlobalNamespace ? string.Empty : ns.ToDisplayString(),
                serverClass.Name,
                extensionsClassName,
                serverClass.ToDisplayString(),
                hosting.FullTypeName,
                SourceLocation.Of(identifier));
            return hosting with { ConstructorArguments = Arguments(constructor).ToEquatableArray() };
        }

        /// <summary>
        /// The servers whose registration would clash with another's in the same namespace: the same extension class,
        /// or the same simple name ignoring case (the same <c>Add&lt;Name&gt;</c> method, and configuration section
        /// names are case-insensitive). One pass over the servers that would register, grouped by namespace.
        /// </summary>
        public static EquatableArray<HostingClash> FindClashes(IEnumerable<HostingCandidate> candidates)
        {
            var clashes = new List<HostingClash>();
            foreach (IGrouping<string, HostingCandidate> inNamespace in candidates.GroupBy(candidate => candidate.Namespace, StringComparer.Ordinal))
            {
                HostingCandidate[] servers = [.. inNamespace.OrderBy(candidate => candidate.FullTypeName, StringComparer.Ordinal)];
                if (servers.Length < 2)
                {
                    continue;
                }

                var byName = servers.ToLookup(candidate => candidate.Name, StringComparer.OrdinalIgnoreCase);
                var byExtensionsClass = servers.ToLookup(candidate => candidate.ExtensionsClassName, StringComparer.Ordinal);
                foreach (HostingCandidate server in servers)
                {
                    HostingCandidate? sameName = byName[server.Name].FirstOrDefault(other => other.FullTypeName != server.FullTypeName);
                    HostingCandidate? sameClass = byExtensionsClass[server.ExtensionsClassName].FirstOrDefault(other => other.FullTypeName != server.FullTypeName);
                    string? why = sameName is not null
                        ? $"the server class '{sameName.DisplayName}' in the same namespace would get the same Add{server.Name} method and configuration section"
                        : sameClass is not null
                        ? $"the server class '{sameClass.DisplayName}' in the same namespace would get the same extension class '{server.ExtensionsClassName}'"
                        : null;
                    if (why is not null)
                    {
                        clashes.Add(new HostingClash(
                            server.FullTypeName,
                            DiagnosticInfo.Create(DiagnosticDescriptors.HostingNameClash, server.Location, server.Name, why)));
                    }
                }
            }

            return clashes.ToEquatableArray();
        }

        private static bool GetsGlue(INamedTypeSymbol serverClass) => !serverClass.IsAbstract && EffectiveAccessibility(serverClass) is not null;

        private static string ExtensionsClassName(INamedTypeSymbol serverClass)
        {
            string name = serverClass.Name;
            for (INamedTypeSymbol? container = serverClass.ContainingType; container is not null; container = container.ContainingType)
            {
                name = container.Name + name;
            }

            return name + "ServiceCollectionExtensions";
        }

        // A parameterless Dispose of the class's own would clash with the generated one, and an inherited visible one
        // would be hidden by it (CS0108); Dispose(bool) and other overloads leave room for it.
        private static bool CanAddDispose(INamedTypeSymbol serverClass)
        {
            if (serverClass.AllInterfaces.Any(type => type.SpecialType == SpecialType.System_IDisposable))
            {
                return false;
            }

            for (INamedTypeSymbol? type = serverClass; type is not null; type = type.BaseType)
            {
                bool own = SymbolEqualityComparer.Default.Equals(type, serverClass);
                if (type.GetMembers("Dispose").Any(member =>
                        (own || member.DeclaredAccessibility != Accessibility.Private)
                        && member is not IMethodSymbol { Parameters.IsEmpty: false } and not IMethodSymbol { Arity: > 0 }))
                {
                    return false;
                }
            }

            return true;
        }

        private static string? EffectiveAccessibility(INamedTypeSymbol serverClass)
        {
            string accessibility = "public";
            for (INamedTypeSymbol? type = serverClass; type is not null; type = type.ContainingType)
            {
                if (type.IsFileLocal)
                {
                    return null;
                }

                switch (type.DeclaredAccessibility)
                {
                    case Accessibility.Public:
                        break;
                    case Accessibility.Internal or Accessibility.ProtectedOrInternal:
                        accessibility = "internal";
                        break;
                    default:
                        return null;
                }
            }

            return accessibility;
        }

        /// <returns>Why no constructor can be called, or <see langword="null"/> with <paramref name="chosen"/> set.</returns>
        private static string? FindConstructor(INamedTypeSymbol serverClass, out IMethodSymbol? chosen)
        {
            chosen = null;
            if (SymbolAttributes.FindObsoleteOrExperimental(serverClass) is { } classMarking)
            {
                return $"the class is marked [{classMarking}], and the generated registration would name it";
            }

            IMethodSymbol[] accessible = [.. serverClass.InstanceConstructors
                .Where(constructor => constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)];
            if (accessible.Length == 0)
            {
                return "it has no public or internal constructor";
            }

            IMethodSymbol[] candidates = [.. accessible.Where(constructor => SymbolAttributes.FindObsoleteOrExperimental(constructor) is null)];
            if (candidates.Length == 0)
            {
                return "every public or internal constructor is marked [Obsolete] or [Experimental]";
            }

            IMethodSymbol[] marked = [.. candidates.Where(constructor => HasAttribute(constructor, ActivatorUtilitiesConstructorAttribute))];
            if (marked.Length > 1)
            {
                return "more than one constructor is marked [ActivatorUtilitiesConstructor]";
            }

            if (marked.Length == 1)
            {
                chosen = marked[0];
            }
            else
            {
                int most = candidates.Max(constructor => constructor.Parameters.Length);
                IMethodSymbol[] longest = [.. candidates.Where(constructor => constructor.Parameters.Length == most)];
                if (longest.Length > 1)
                {
                    return $"{longest.Length} constructors have the most parameters ({most}); mark the one to use with [ActivatorUtilitiesConstructor]";
                }

                chosen = longest[0];
            }

            string? problem = WhyNotCallable(serverClass, chosen, accessible);
            if (problem is not null)
            {
                chosen = null;
            }

            return problem;
        }

        private static string? WhyNotCallable(INamedTypeSymbol serverClass, IMethodSymbol chosen, IMethodSymbol[] accessible)
        {
            // Overload resolution sees obsolete constructors too, so they count here.
            if (OtherConstructorTakingTheSameArguments(accessible, chosen) is { } other)
            {
                string omitted = string.Join("', '", chosen.Parameters.Where(IsLeftOut).Select(parameter => parameter.Name));
                return $"with '{omitted}' left at its default, the call would bind to the constructor with {other.Parameters.Length} parameter(s); drop that default or that constructor";
            }

            if (HasRequiredMembers(serverClass) && !HasAttribute(chosen, SetsRequiredMembersAttribute))
            {
                return "it has required members and its constructor is not marked [SetsRequiredMembers], so the factory could not set them";
            }

            IParameterSymbol[] passed = [.. chosen.Parameters.Where(parameter => !parameter.IsParams)];
            IParameterSymbol? unsupplied = passed.FirstOrDefault(parameter =>
                parameter.RefKind is not (RefKind.None or RefKind.In)
                || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
                || parameter.Type.IsRefLikeType);
            if (unsupplied is not null)
            {
                return $"parameter '{unsupplied.Name}' of its constructor is passed by reference, is a pointer or is a ref struct, which a service provider cannot supply";
            }

            // A service provider has no sensible registration for an int or a DateTime, and GetRequiredService<int?> is CS8714.
            IParameterSymbol? valueType = passed.FirstOrDefault(parameter => !parameter.IsOptional && parameter.Type.IsValueType);
            if (valueType is not null)
            {
                return $"parameter '{valueType.Name}' of its constructor is of the value type '{valueType.Type.ToDisplayString()}', which a service provider does not supply; give it a default or wrap it in a class";
            }

            foreach (IParameterSymbol parameter in passed)
            {
                if (FindMarkedType(parameter.Type) is { } marked)
                {
                    return $"parameter '{parameter.Name}' of its constructor is of the type '{parameter.Type.ToDisplayString()}', which uses '{marked.Type}' marked [{marked.Marking}], and the generated factory would name it";
                }
            }

            return null;
        }

        private static bool HasRequiredMembers(INamedTypeSymbol serverClass)
        {
            for (INamedTypeSymbol? type = serverClass; type is not null; type = type.BaseType)
            {
                if (type.GetMembers().Any(member => member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
                {
                    return true;
                }
            }

            return false;
        }

        // The factory names the parameter's type in full, type arguments and element types included.
        private static (string Type, string Marking)? FindMarkedType(ITypeSymbol type)
        {
            if (SymbolAttributes.FindObsoleteOrExperimental(type) is { } marking)
            {
                return (type.ToDisplayString(), marking);
            }

            return type switch
            {
                IArrayTypeSymbol array => FindMarkedType(array.ElementType),
                INamedTypeSymbol { IsGenericType: true } generic => generic.TypeArguments.Select(FindMarkedType).FirstOrDefault(found => found is not null),
                _ => null,
            };
        }

        private static bool HasAttribute(ISymbol symbol, string fullName) =>
            SymbolAttributes.Has(symbol, fullName);

        // C# passes an empty array for a params parameter left out, and a service provider has nothing to pass for it.
        private static bool IsLeftOut(IParameterSymbol parameter) =>
            parameter.IsParams || (parameter.IsOptional && !IsTakenFromGetService(parameter));

        private static bool IsTakenFromGetService(IParameterSymbol parameter) =>
            parameter.Type.IsReferenceType && parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is null;

        // C# prefers a candidate that needs no defaults filled in, so leaving a parameter out can make the named
        // arguments bind to a shorter constructor whose parameter names they also match.
        private static IMethodSymbol? OtherConstructorTakingTheSameArguments(IMethodSymbol[] accessible, IMethodSymbol chosen)
        {
            if (!chosen.Parameters.Any(IsLeftOut))
            {
                return null;
            }

            string[] passed = [.. chosen.Parameters.Where(parameter => !IsLeftOut(parameter)).Select(parameter => parameter.Name)];
            return accessible.FirstOrDefault(other =>
                !SymbolEqualityComparer.Default.Equals(other, chosen)
                && passed.All(name => other.Parameters.Any(parameter => parameter.Name == name))
                && other.Parameters.All(parameter => parameter.IsOptional || parameter.IsParams || passed.Contains(parameter.Name)));
        }

        private static IEnumerable<ConstructorArgumentInfo> Arguments(IMethodSymbol constructor)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                string typeName = FullName(parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
                if (parameter.IsParams)
                {
                    continue;
                }

                if (!parameter.IsOptional)
                {
                    yield return new ConstructorArgumentInfo(parameter.Name, typeName, IsRequired: true, SuppressNull: false);
                }
                else if (IsTakenFromGetService(parameter))
                {
                    yield return new ConstructorArgumentInfo(
                        parameter.Name, typeName, IsRequired: false, SuppressNull: parameter.NullableAnnotation == NullableAnnotation.NotAnnotated);
                }

                // Any other optional parameter keeps its declared default, and a params one gets an empty array: they
                // are left out, and the arguments are named.
            }
        }

        private static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }
}
