using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using DualStackGen.Generator.Common;
using DualStackGen.Generator.Diagnostics;
using DualStackGen.Generator.Servers.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualStackGen.Generator.Servers;

public sealed partial class ServerGenerator
{
    /// <summary>Turns one attributed class into a <see cref="ServerSpec"/> or the diagnostics that prevent one.</summary>
    internal static class Parser
    {
        private const int MaxUdpPayload = ServerOptionLimits.MaxDatagramSize;

        public static ServerParseResult Parse(GeneratorAttributeSyntaxContext attributed, ServerKind kind, CancellationToken cancellationToken)
        {
            if (attributed.TargetSymbol is not INamedTypeSymbol serverClass
                || attributed.TargetNode is not TypeDeclarationSyntax declaration
                || !IsClassDeclaration(declaration)
                || attributed.Attributes.IsDefaultOrEmpty)
            {
                return ServerParseResult.Nothing;
            }

            ServerShape shape = ServerShape.Of(kind);
            AttributeData attribute = attributed.Attributes[0];

            // A second [TcpServer] on another part is already CS0579; generating twice would clash on the hint name.
            if (!IsFirstApplication(serverClass, attribute, shape.AttributeName, cancellationToken))
            {
                return ServerParseResult.Nothing;
            }

            var diagnostics = new List<DiagnosticInfo>();
            AttributeData[] serverAttributes = [.. serverClass.GetAttributes().Where(candidate =>
                IsAttribute(candidate, ServerShape.Tcp.AttributeName) || IsAttribute(candidate, ServerShape.Udp.AttributeName))];
            if (serverAttributes.Any(candidate => IsAttribute(candidate, ServerShape.Tcp.AttributeName))
                && serverAttributes.Any(candidate => IsAttribute(candidate, ServerShape.Udp.AttributeName)))
            {
                // Both pipelines see such a class; the TCP one reports it at the second attribute, neither generates.
                if (kind == ServerKind.Tcp)
                {
                    bool firstIsTcp = IsAttribute(serverAttributes[0], ServerShape.Tcp.AttributeName);
                    AttributeData second = serverAttributes.First(candidate => IsAttribute(candidate, ServerShape.Tcp.AttributeName) != firstIsTcp);
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.BothTcpAndUdpServer,
                        SourceLocation.Of(second.ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
                        serverClass.Name));
                }

                return Result(null, diagnostics);
            }

            CheckDeclarationShape(declaration, shape, diagnostics);
            CheckClassKind(serverClass, declaration, diagnostics);
            ServerValues? values = ReadAttributeValues(attribute, kind, diagnostics, cancellationToken);
            HandlerSpec? handler = FindHandler(serverClass, declaration, shape, diagnostics, cancellationToken);
            if (diagnostics.Count > 0 || values is null || handler is null)
            {
                return Result(null, diagnostics);
            }

            // Checked once the class is otherwise a server, so that a project on C# 8 is told once per server what to
            // change, and the member checks below only run for classes that would get generated members.
            if (declaration.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp9 } parseOptions)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.LanguageVersionTooLow,
                    SourceLocation.Of(declaration.Identifier),
                    serverClass.Name,
                    parseOptions.LanguageVersion.ToDisplayString()));
                return Result(null, diagnostics);
            }

            GeneratedMembers.Check(serverClass, declaration, attributed.SemanticModel.Compilation, diagnostics, cancellationToken);
            if (diagnostics.Count > 0)
            {
                return Result(null, diagnostics);
            }

            HierarchyInfo hierarchy = ReadHierarchy(serverClass, declaration);
            HostingCandidate? candidate = null;

            // The hosting glue is read only where the project references hosting, so its diagnostics are reported
            // with the others.
            HostingInfo hosting = HostingAvailability.Of(attributed.SemanticModel.Compilation)
                ? HostingParser.Read(serverClass, declaration.Identifier, diagnostics, out candidate, cancellationToken)
                : HostingInfo.Unused;
            var spec = new ServerSpec(
                kind,
                hierarchy,
                handler,
                values.Host,
                values.Port,
                values.Mode,
                values.Backlog,
                values.MaxConcurrentConnections,
                values.MaxDatagramSize,
                hosting);
            return new ServerParseResult(spec, diagnostics.ToEquatableArray(), candidate);
        }

        private static ServerParseResult Result(ServerSpec? spec, List<DiagnosticInfo> diagnostics) =>
            diagnostics.Count == 0 && spec is null
                ? ServerParseResult.Nothing
                : new ServerParseResult(spec, diagnostics.ToEquatableArray(), null);

        private static IEnumerable<AttributeData> FindAttributes(INamedTypeSymbol type, string metadataName) =>
            type.GetAttributes().Where(attribute => IsAttribute(attribute, metadataName));

        internal static bool IsAttribute(AttributeData attribute, string metadataName) =>
            TypeNames.Is(attribute.AttributeClass, metadataName);

        private static bool IsFirstApplication(INamedTypeSymbol serverClass, AttributeData attribute, string metadataName, CancellationToken cancellationToken)
        {
            SyntaxNode? first = FindAttributes(serverClass, metadataName).FirstOrDefault()?.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            SyntaxNode? mine = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            return first is null || mine is null || first == mine;
        }

        private static void CheckDeclarationShape(TypeDeclarationSyntax declaration, ServerShape shape, List<DiagnosticInfo> diagnostics)
        {
            string className = declaration.Identifier.ValueText;
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ServerClassNotPartial, SourceLocation.Of(declaration.Identifier), className, shape.ShortAttributeName));
            }

            if (declaration.TypeParameterList is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.GenericServerClass, SourceLocation.Of(declaration.Identifier), className, shape.ShortAttributeName));
            }

            for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
            {
                string containerName = container.Identifier.ValueText;
                if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.ContainingTypeNotPartial, SourceLocation.Of(container.Identifier), containerName, className));
                }

                if (container.TypeParameterList is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.GenericServerClass, SourceLocation.Of(container.Identifier), containerName, shape.ShortAttributeName));
                }
            }
        }

        // The generated half is another file: a file-local class cannot have a part there, and a static one cannot have
        // the instance members it declares.
        private static void CheckClassKind(INamedTypeSymbol serverClass, TypeDeclarationSyntax declaration, List<DiagnosticInfo> diagnostics)
        {
            if (serverClass.IsStatic)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedServerClass, SourceLocation.Of(declaration.Identifier), serverClass.Name, "static"));
                return;
            }

            for (INamedTypeSymbol? type = serverClass; type is not null; type = type.ContainingType)
            {
                if (type.IsFileLocal)
                {
                    string why = SymbolEqualityComparer.Default.Equals(type, serverClass)
                        ? "file-local ('file')"
                        : $"nested in the file-local type '{type.Name}'";
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnsupportedServerClass, SourceLocation.Of(declaration.Identifier), serverClass.Name, why));
                    return;
                }
            }
        }

        private static ServerValues? ReadAttributeValues(AttributeData attribute, ServerKind kind, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            // Missing or unresolved arguments are already compiler errors (CS7036, CS0103...); nothing to add or emit.
            if (attribute.AttributeConstructor is null
                || attribute.ConstructorArguments.Length != 2
                || !attribute.ConstructorArguments.All(IsSingleValue)
                || !attribute.NamedArguments.All(argument => IsSingleValue(argument.Value))
                || attribute.ConstructorArguments[1].Value is not int port)
            {
                return null;
            }

            var arguments = new AttributeArguments(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax);
            string? host = attribute.ConstructorArguments[0].Value as string;
            var values = new ServerValues(host ?? string.Empty, port, ListenMode.Auto, ListenOptionsDefaultBacklog, 0, MaxUdpPayload);
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                if (named.Value.Value is not int number)
                {
                    return null;
                }

                values = named.Key switch
                {
                    "Mode" => values with { Mode = (ListenMode)number },
                    "Backlog" => values with { Backlog = number },
                    "MaxConcurrentConnections" => values with { MaxConcurrentConnections = number },
                    "MaxDatagramSize" => values with { MaxDatagramSize = number },
                    _ => values,
                };
            }

            int errorsBefore = diagnostics.Count;
            if (!HostSyntax.TryParse(host, out HostSyntax.Parsed parsedHost, out _, out string hostReason))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidHost, arguments.Positional(0, "host"), host is null ? "null" : $"\"{host}\"", hostReason));
            }

            if (port is < ServerOptionLimits.MinPort or > ServerOptionLimits.MaxPort)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.PortOutOfRange, arguments.Positional(1, "port"), port.ToString(CultureInfo.InvariantCulture)));
            }

            if (!Enum.IsDefined(typeof(ListenMode), values.Mode))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidServerOption,
                    arguments.Named("Mode"),
                    "Mode",
                    ((int)values.Mode).ToString(CultureInfo.InvariantCulture),
                    "it is not a ListenMode value; use Auto, DualStack, SeparateSockets, IPv6Only or IPv4Only"));
            }
            else if (host is not null
                && HostModeRules.FindConflictReason(parsedHost.Kind, parsedHost.Address?.AddressFamily, values.Mode) is { } conflict)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.HostModeContradiction, arguments.Named("Mode"), $"\"{host}\"", values.Mode.ToString(), conflict));
            }

            if (kind == ServerKind.Tcp)
            {
                CheckOption(
                    values.Backlog >= 1, "Backlog", values.Backlog, $"it must be at least 1; {ListenOptionsDefaultBacklog} is the default", arguments, diagnostics);
                CheckOption(
                    values.MaxConcurrentConnections >= 0,
                    "MaxConcurrentConnections",
                    values.MaxConcurrentConnections,
                    "it cannot be negative; 0 means no limit",
                    arguments,
                    diagnostics);
            }
            else
            {
                CheckOption(
                    values.MaxDatagramSize is >= 1 and <= MaxUdpPayload,
                    "MaxDatagramSize",
                    values.MaxDatagramSize,
                    $"it must be from 1 to {MaxUdpPayload}, the largest UDP payload",
                    arguments,
                    diagnostics);
            }

            return diagnostics.Count == errorsBefore ? values : null;
        }

        // TypedConstant.Value throws for an array (a source-declared attribute with a params parameter), and an error
        // value is already a compiler error.
        private static bool IsSingleValue(TypedConstant argument) =>
            argument.Kind is TypedConstantKind.Primitive or TypedConstantKind.Enum;

        private static void CheckOption(bool valid, string name, int value, string reason, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
        {
            if (!valid)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidServerOption, arguments.Named(name), name, value.ToString(CultureInfo.InvariantCulture), reason));
            }
        }

        private static HandlerSpec? FindHandler(
            INamedTypeSymbol serverClass,
            TypeDeclarationSyntax declaration,
            ServerShape shape,
            List<DiagnosticInfo> diagnostics,
            CancellationToken cancellationToken)
        {
            IMethodSymbol[] handlers = serverClass.GetMembers(shape.HandlerName)
                .OfType<IMethodSymbol>()
                .Where(method => method.MethodKind == MethodKind.Ordinary)
                .ToArray();
            if (handlers.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.HandlerMissing,
                    SourceLocation.Of(declaration.Identifier),
                    serverClass.Name,
                    shape.ShortAttributeName,
                    shape.HandlerExample));
                return null;
            }

            if (handlers.Length > 1)
            {
                foreach (IMethodSymbol duplicate in handlers.Skip(1))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.HandlerDeclaredTwice, SourceLocation.Of(duplicate.Locations.FirstOrDefault()), shape.HandlerName));
                }

                return null;
            }

            IMethodSymbol handler = handlers[0];
            var syntax = handler.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as MethodDeclarationSyntax;

            // An unresolved type is already CS0246; a DSG error on top of it would only repeat it.
            if (handler.ReturnType.TypeKind == TypeKind.Error || handler.Parameters.Any(parameter => parameter.Type.TypeKind == TypeKind.Error))
            {
                return null;
            }

            bool parametersMatch = !handler.IsGenericMethod
                && !handler.IsVararg
                && handler.Parameters.Length == 2
                && handler.Parameters.All(parameter => parameter.RefKind == RefKind.None && !parameter.IsParams)
                && TypeNames.Is(handler.Parameters[0].Type, shape.ParameterTypeName)
                && TypeNames.Is(handler.Parameters[1].Type, "System.Threading.CancellationToken");
            if (!parametersMatch)
            {
                string actual = string.Join(", ", handler.Parameters.Select(parameter => parameter.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))
                    .Concat(handler.IsVararg ? ["__arglist"] : []));
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.HandlerWrongParameters,
                    SourceLocation.Of(syntax?.ParameterList) ?? SourceLocation.Of(handler.Locations.FirstOrDefault()),
                    shape.HandlerName,
                    shape.ExpectedParameters,
                    actual));
            }

            bool returnsValueTask = TypeNames.Is(handler.ReturnType, "System.Threading.Tasks.ValueTask");

            // A Task? would be handed to the runner as if it could not be null (CS8604 in the generated file), and a
            // ref return is no Task at all to the dispatch.
            if ((!returnsValueTask && !TypeNames.Is(handler.ReturnType, "System.Threading.Tasks.Task"))
                || handler.ReturnsByRef
                || handler.ReturnsByRefReadonly
                || handler.ReturnNullableAnnotation == NullableAnnotation.Annotated)
            {
                string refKind = handler.ReturnsByRefReadonly ? "ref readonly " : handler.ReturnsByRef ? "ref " : string.Empty;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.HandlerWrongReturnType,
                    SourceLocation.Of(syntax?.ReturnType) ?? SourceLocation.Of(handler.Locations.FirstOrDefault()),
                    shape.HandlerName,
                    refKind + handler.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat.AddMiscellaneousOptions(
                        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier))));
            }

            // Only the handler's own mark: the generated call is inside the class, and a call from inside a marked class
            // is not reported.
            if (SymbolAttributes.FindObsoleteOrExperimental(handler, withContainingTypes: false) is { } marking)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.HandlerObsolete,
                    SourceLocation.Of(handler.Locations.FirstOrDefault()),
                    shape.HandlerName,
                    marking,
                    shape == ServerShape.Tcp ? "connection" : "datagram"));
            }

            return new HandlerSpec(shape.HandlerName, handler.IsStatic, returnsValueTask);
        }

        private static HierarchyInfo ReadHierarchy(INamedTypeSymbol serverClass, TypeDeclarationSyntax declaration)
        {
            var containers = new List<ContainingTypeInfo>();
            for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
            {
                containers.Insert(0, new ContainingTypeInfo(TypeKeyword(container), container.Identifier.ValueText));
            }

            string? containingNamespace = serverClass.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;
            string fullName = serverClass.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            const string GlobalPrefix = "global::";
            return new HierarchyInfo(
                containingNamespace,
                containers.ToEquatableArray(),
                TypeKeyword(declaration),
                serverClass.Name,
                // The display format escapes keywords (@event), and AddSource rejects '@' in a hint name.
                (fullName.StartsWith(GlobalPrefix, StringComparison.Ordinal) ? fullName.Substring(GlobalPrefix.Length) : fullName).Replace("@", string.Empty));
        }

        private static string TypeKeyword(TypeDeclarationSyntax container) => container switch
        {
            RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: (int)SyntaxKind.StructKeyword } => "record struct",
            RecordDeclarationSyntax => "record",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        };

        private const int ListenOptionsDefaultBacklog = ServerOptionLimits.DefaultBacklog;

        private sealed record ServerValues(string Host, int Port, ListenMode Mode, int Backlog, int MaxConcurrentConnections, int MaxDatagramSize);

        /// <summary>Finds the syntax of an attribute's arguments, to report a bad value where it is written.</summary>
        private readonly struct AttributeArguments
        {
            private readonly AttributeSyntax? _attribute;

            public AttributeArguments(AttributeSyntax? attribute) => _attribute = attribute;

            public Location? Positional(int index, string parameterName)
            {
                SeparatedSyntaxList<AttributeArgumentSyntax> arguments = _attribute?.ArgumentList?.Arguments ?? default;
                AttributeArgumentSyntax? byName = arguments.FirstOrDefault(argument => argument.NameColon?.Name.Identifier.ValueText == parameterName);
                AttributeArgumentSyntax? byPosition = arguments.Where(argument => argument.NameEquals is null).ElementAtOrDefault(index);
                return SourceLocation.Of((byName ?? byPosition)?.Expression) ?? SourceLocation.Of(_attribute);
            }

            public Location? Named(string propertyName)
            {
                SeparatedSyntaxList<AttributeArgumentSyntax> arguments = _attribute?.ArgumentList?.Arguments ?? default;
                AttributeArgumentSyntax? named = arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == propertyName);
                return SourceLocation.Of(named?.Expression) ?? SourceLocation.Of(_attribute);
            }
        }
    }
}
