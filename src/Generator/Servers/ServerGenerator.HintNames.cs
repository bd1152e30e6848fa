using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DualStackGen.Generator.Servers.Models;

namespace DualStackGen.Generator.Servers;

public sealed partial class ServerGenerator
{
    /// <summary>
    /// The generated files' names. The compiler compares them ignoring case and throws (CS8785, every server loses its
    /// code) on a duplicate, while C# names are case-sensitive and a nested <c>Outer.Inner</c> displays as a namespace's
    /// <c>Inner</c> does: servers whose names would collide get a tag computed from their exact identity.
    /// </summary>
    internal static class HintNames
    {
        private const string HostingSuffix = ".Hosting";

        /// <summary>What tells two servers apart exactly: namespace, nesting and case.</summary>
        public static string Identity(HierarchyInfo hierarchy) =>
            (hierarchy.Namespace ?? string.Empty) + ":" + string.Concat(hierarchy.ContainingTypes.Select(container => container.Name + "+")) + hierarchy.ClassName;

        public static string Stem(HierarchyInfo hierarchy, OutputPlan plan) =>
            OutputPlan.Contains(plan.TaggedServers, Identity(hierarchy)) ? hierarchy.MetadataName + "." + Tag(Identity(hierarchy)) : hierarchy.MetadataName;

        /// <returns>
        /// The identities, sorted, of the servers one of whose file names equals another server's ignoring case, and
        /// of those that are two types with one name (a class and a record both named <c>Server</c> in one namespace,
        /// already CS0101 at the user's code): those get no files at all, since no tag can tell them apart.
        /// </returns>
        public static (Common.EquatableArray<string> Tagged, Common.EquatableArray<string> Duplicated) FindCollisions(IEnumerable<HierarchyInfo> servers)
        {
            var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var colliding = new SortedSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var duplicated = new SortedSet<string>(StringComparer.Ordinal);
            foreach (HierarchyInfo server in servers)
            {
                string identity = Identity(server);
                if (!seen.Add(identity))
                {
                    duplicated.Add(identity);
                    continue;
                }
                foreach (string name in new[] { server.MetadataName, server.MetadataName + HostingSuffix })
                {
                    if (!owners.TryGetValue(name, out string? owner))
                    {
                        owners.Add(name, identity);
                    }
                    else if (owner != identity)
                    {
                        colliding.Add(owner);
                        colliding.Add(identity);
                    }
                }
            }

            return (new Common.EquatableArray<string>([.. colliding]), new Common.EquatableArray<string>([.. duplicated]));
        }

        // "0x" cannot start a C# identifier, so a tagged name never equals another server's untagged one; FNV-1a over
        // the exact identity is stable across runs and machines (string.GetHashCode is not).
        private static string Tag(string identity)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char character in identity)
            {
                hash = unchecked((hash ^ character) * 1099511628211UL);
            }

            return "0x" + hash.ToString("x16", CultureInfo.InvariantCulture);
        }
    }
}
