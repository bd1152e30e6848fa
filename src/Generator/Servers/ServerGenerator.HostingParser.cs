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

        public static HostingInfo Read(
            INamedTypeSymbol serverClass,
            HierarchyInfo hierarchy,
            SyntaxToken identifier,
            List<DiagnosticInfo> diagnostics,
            CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? accessibility = EffectiveAccessibility(serverClass);
            string extensionsClassName = string.Concat(hierarchy.ContainingTypes.Select(container => container.Name)) + hierarchy.ClassName + "ServiceCollectionExtensions";
            var hosting = new HostingInfo(accessibility, FullName(serverClass), extensionsClassName, null);

            // Without a namespace-level class that can name the server there is no glue to withhold, so nothing to report.
            if (accessibility is null)
            {
                return hosting;
            }

            string? problem = FindConstructor(serverClass, out IMethodSymbol? constructor);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoHostingConstructor, LocationInfo.From(identifier), serverClass.Name, problem));
                return hosting;
            }

            // An unresolved parameter type is already a compiler error; glue naming it would only add more.
            if (constructor!.Parameters.Any(parameter => parameter.Type.TypeKind == TypeKind.Error))
            {
                return hosting;
            }

            return hosting with { ConstructorArguments = Arguments(constructor).ToEquatableArray() };
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
            if (serverClass.IsAbstract)
            {
                return "the class is abstract";
            }

            IMethodSymbol[] accessible = [.. serverClass.InstanceConstructors
                .Where(constructor => constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)];
            if (accessible.Length == 0)
            {
                return "it has no public or internal constructor";
            }

            IMethodSymbol[] marked = [.. accessible.Where(constructor => constructor.GetAttributes().Any(attribute =>
                attribute.AttributeClass?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == ActivatorUtilitiesConstructorAttribute))];
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
                int most = accessible.Max(constructor => constructor.Parameters.Length);
                IMethodSymbol[] longest = [.. accessible.Where(constructor => constructor.Parameters.Length == most)];
                if (longest.Length > 1)
                {
                    return $"{longest.Length} constructors have the most parameters ({most}); mark the one to use with [ActivatorUtilitiesConstructor]";
                }

                chosen = longest[0];
            }

            if (OtherConstructorTakingTheSameArguments(accessible, chosen) is { } other)
            {
                string omitted = string.Join("', '", chosen.Parameters.Where(IsLeftOut).Select(parameter => parameter.Name));
                chosen = null;
                return $"with '{omitted}' left at its default, the call would bind to the constructor with {other.Parameters.Length} parameter(s); drop that default or that constructor";
            }

            IParameterSymbol? unsupplied = chosen.Parameters.FirstOrDefault(parameter =>
                parameter.RefKind != RefKind.None
                || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
                || parameter.Type.IsRefLikeType);
            if (unsupplied is not null)
            {
                chosen = null;
                return $"parameter '{unsupplied.Name}' of its constructor is passed by reference, is a pointer or is a ref struct, which a service provider cannot supply";
            }

            return null;
        }

        private static bool IsLeftOut(IParameterSymbol parameter) => parameter.IsOptional && !IsTakenFromGetService(parameter);

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
                && other.Parameters.All(parameter => parameter.IsOptional || passed.Contains(parameter.Name)));
        }

        private static IEnumerable<ConstructorArgumentInfo> Arguments(IMethodSymbol constructor)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                string typeName = FullName(parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
                if (!parameter.IsOptional)
                {
                    yield return new ConstructorArgumentInfo(parameter.Name, typeName, IsRequired: true, SuppressNull: false);
                }
                else if (IsTakenFromGetService(parameter))
                {
                    yield return new ConstructorArgumentInfo(
                        parameter.Name, typeName, IsRequired: false, SuppressNull: parameter.NullableAnnotation == NullableAnnotation.NotAnnotated);
                }

                // Any other optional parameter keeps its declared default: it is left out, and the arguments are named.
            }
        }

        private static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }
}
