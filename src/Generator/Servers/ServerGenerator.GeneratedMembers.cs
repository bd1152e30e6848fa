using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DualStackGen.Generator.Common;
using DualStackGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackGen.Generator.Servers;

public sealed partial class ServerGenerator
{
    /// <summary>
    /// Finds the user's members that the generated half would clash with, bind to or hide (DSG0115), so that the
    /// compiler never reports an error inside a generated file and generated code never silently calls user code.
    /// </summary>
    /// <remarks>
    /// Any member with one of these names counts, whatever its signature: an overload would make a generated call or
    /// <c>cref</c> bind to it (a user <c>StopAsync()</c> would be what the generated <c>DisposeAsync</c> calls) or be
    /// ambiguous, and a base class's virtual member would be hidden (CS0114). Names with the generated fields' prefix
    /// are reserved too.
    /// </remarks>
    internal static class GeneratedMembers
    {
        public static readonly string[] Names = ["Options", "LocalEndPoints", "IsRunning", "StartAsync", "RunAsync", "StopAsync", "DisposeAsync"];

        public const string ReservedPrefix = "_dualStackGen";

        public static void Check(
            INamedTypeSymbol serverClass,
            TypeDeclarationSyntax declaration,
            Compilation compilation,
            List<DiagnosticInfo> diagnostics,
            CancellationToken cancellationToken)
        {
            Location? classLocation = SourceLocation.Of(declaration.Identifier);
            if (IsTaken(serverClass.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.GeneratedMemberNameTaken, classLocation, serverClass.Name, "its own name is", serverClass.Name));
                return;
            }

            foreach (string name in TakenNames(serverClass))
            {
                ISymbol? member = serverClass.GetMembers(name).FirstOrDefault();
                if (member is null)
                {
                    continue;
                }

                string what = member is INamedTypeSymbol ? "it declares a nested type named" : "it declares a member named";
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.GeneratedMemberNameTaken,
                    SourceLocation.Of(member.Locations.FirstOrDefault(location => location.IsInSource)) ?? classLocation,
                    serverClass.Name,
                    what,
                    name));
            }

            for (INamedTypeSymbol? type = serverClass.BaseType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (string name in TakenNames(type))
                {
                    if (type.GetMembers(name).Any(member => compilation.IsSymbolAccessibleWithin(member, serverClass)))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.GeneratedMemberNameTaken,
                            classLocation,
                            serverClass.Name,
                            $"it inherits from '{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' a member named",
                            name));
                        return;
                    }
                }
            }
        }

        // MemberNames leaves nested types out.
        private static IEnumerable<string> TakenNames(INamedTypeSymbol type) =>
            type.MemberNames.Concat(type.GetTypeMembers().Select(nested => nested.Name))
                .Where(IsTaken)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(name => name, StringComparer.Ordinal);

        private static bool IsTaken(string name) =>
            Array.IndexOf(Names, name) >= 0 || name.StartsWith(ReservedPrefix, StringComparison.Ordinal);
    }
}
