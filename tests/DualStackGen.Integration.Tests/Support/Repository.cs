using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace DualStackGen.Integration.Tests.Support;

/// <summary>The repository these tests were built from, and how they were built.</summary>
internal static class Repository
{
    /// <summary>Gets the folder that holds <c>DualStackGen.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Gets the configuration (Debug, Release) the tests, and so the projects they reference, were built in.</summary>
    public static string BuildConfiguration { get; } =
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DualStackGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DualStackGen.sln not found above " + AppContext.BaseDirectory);
    }
}
