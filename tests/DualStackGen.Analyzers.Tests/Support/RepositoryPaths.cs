using System;
using System.IO;

namespace DualStackGen.Analyzers.Tests.Support;

/// <summary>Folders of the repository the tests read: the corpus, the runtime's source, the samples, the rule pages.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

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
