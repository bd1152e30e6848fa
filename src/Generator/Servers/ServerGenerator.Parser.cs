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
                        LocationInfo.From(second.ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
                        serverClass.Name));
                }

                return Result(null, diagnostics);
            }

            CheckDeclarationShape(declaration, shape, diagnostics);
            ServerValues? values = ReadAttributeValues(attribute, kind, diagnostics, cancellationToken);
            HandlerSpec? handler = FindHandler(serverClass, declaration, shape, diagnostics, cancellationToken);
            if (diagnostics.Count > 0 || values is null || handler is null)
            {
                return Result(null, diagnostics);
            }

            HierarchyInfo hierarchy = ReadHierarchy(serverClass, declaration);
            var hostingDiagnostics = new List<DiagnosticInfo>();
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
                HostingParser.Read(serverClass, declaration.Identifier, hostingDiagnostics, cancellationToken));
            return new ServerParseResult(spec, diagnostics.ToEquatableArray(), hostingDiagnostics.ToEquatableArray());
        }

        private static ServerParseResult Result(ServerSpec? spec, List<DiagnosticInfo> diagnostics) =>
            diagnostics.Count == 0 && spec is null
                ? ServerParseResult.Nothing
                : new ServerParseResult(spec, diagnostics.ToEquatableArray(), EquatableArray<DiagnosticInfo>.Empty);

        private static IEnumerable<AttributeData> FindAttributes(INamedTypeSymbol type, string metadataName) =>
            type.GetAttributes().Where(attribute => IsAttribute(attribute, metadataName));

        internal static bool IsAttribute(AttributeData attribute, string metadataName) =>
            attribute.AttributeClass is { } attributeClass
            && attributeClass.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + metadataName;

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
                    DiagnosticDescriptors.ServerClassNotPartial, LocationInfo.From(declaration.Identifier), className, shape.ShortAttributeName));
            }

            if (declaration.TypeParameterList is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.GenericServerClass, LocationInfo.From(declaration.Identifier), className, shape.ShortAttributeName));
            }

            for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
            {
                string containerName = container.Identifier.ValueText;
                if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(container.Identifier), containerName, className));
                }

                if (container.TypeParameterList is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.GenericServerClass, LocationInfo.From(container.Identifier), containerName, shape.ShortAttributeName));
                }
            }
        }

        private static ServerValues? ReadAttributeValues(AttributeData attribute, ServerKind kind, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            // Missing or unresolved arguments are already compiler errors (CS7036, CS0103...); nothing to add or emit.
            if (attribute.AttributeConstructor is null
                || attribute.ConstructorArguments.Length != 2
                || attribute.ConstructorArguments.Any(argument => argument.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(argument => argument.Value.Kind == TypedConstantKind.Error)
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
            if (!HostSyntax.TryParse(host, out HostSyntax.Parsed parsedHost, out string hostError))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHost, arguments.Positional(0, "host"), hostError));
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
                    $"Mode {(int)values.Mode} is not a ListenMode value; use Auto, DualStack, SeparateSockets, IPv6Only or IPv4Only."));
            }
            else if (host is not null
                && HostModeRules.FindConflict(host, parsedHost.Kind, parsedHost.Address?.AddressFamily, values.Mode) is { } conflict)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HostModeContradiction, arguments.Named("Mode"), conflict));
            }

            if (kind == ServerKind.Tcp)
            {
                CheckOption(values.Backlog >= 1, "Backlog", $"Backlog {values.Backlog} must be at least 1; {ListenOptionsDefaultBacklog} is the default.", arguments, diagnostics);
                CheckOption(
                    values.MaxConcurrentConnections >= 0,
                    "MaxConcurrentConnections",
                    $"MaxConcurrentConnections {values.MaxConcurrentConnections} cannot be negative; 0 means no limit.",
                    arguments,
                    diagnostics);
            }
            else
            {
                CheckOption(
                    values.MaxDatagramSize is >= 1 and <= MaxUdpPayload,
                    "MaxDatagramSize",
                    $"MaxDatagramSize {values.MaxDatagramSize} is outside 1-{MaxUdpPayload}, the largest UDP payload.",
                    arguments,
                    diagnostics);
            }

            return diagnostics.Count == errorsBefore ? values : null;
        }

        private static void CheckOption(bool valid, string name, string message, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
        {
            if (!valid)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidServerOption, arguments.Named(name), message));
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
                    LocationInfo.From(declaration.Identifier),
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
                        DiagnosticDescriptors.HandlerDeclaredTwice, LocationInfo.From(duplicate.Locations.FirstOrDefault()), shape.HandlerName));
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
                && handler.Parameters.Length == 2
                && handler.Parameters.All(parameter => parameter.RefKind == RefKind.None && !parameter.IsParams)
                && FullName(handler.Parameters[0].Type) == shape.ParameterTypeName
                && FullName(handler.Parameters[1].Type) == "global::System.Threading.CancellationToken";
            if (!parametersMatch)
            {
                string actual = string.Join(", ", handler.Parameters.Select(parameter => parameter.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.HandlerWrongParameters,
                    LocationInfo.From(syntax?.ParameterList) ?? LocationInfo.From(handler.Locations.FirstOrDefault()),
                    shape.HandlerName,
                    shape.ExpectedParameters,
                    actual));
            }

            string returnType = FullName(handler.ReturnType);
            bool returnsValueTask = returnType == "global::System.Threading.Tasks.ValueTask";
            if (!returnsValueTask && returnType != "global::System.Threading.Tasks.Task")
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.HandlerWrongReturnType,
                    LocationInfo.From(syntax?.ReturnType) ?? LocationInfo.From(handler.Locations.FirstOrDefault()),
                    shape.HandlerName,
                    handler.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }

            return new HandlerSpec(shape.HandlerName, handler.IsStatic, returnsValueTask);
        }

        private static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

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

            public LocationInfo? Positional(int index, string parameterName)
            {
                SeparatedSyntaxList<AttributeArgumentSyntax> arguments = _attribute?.ArgumentList?.Arguments ?? default;
                AttributeArgumentSyntax? byName = arguments.FirstOrDefault(argument => argument.NameColon?.Name.Identifier.ValueText == parameterName);
                AttributeArgumentSyntax? byPosition = arguments.Where(argument => argument.NameEquals is null).ElementAtOrDefault(index);
                return LocationInfo.From((byName ?? byPosition)?.Expression) ?? LocationInfo.From(_attribute);
            }

            public LocationInfo? Named(string propertyName)
            {
                SeparatedSyntaxList<AttributeArgumentSyntax> arguments = _attribute?.ArgumentList?.Arguments ?? default;
                AttributeArgumentSyntax? named = arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == propertyName);
                return LocationInfo.From(named?.Expression) ?? LocationInfo.From(_attribute);
            }
        }
    }
}
