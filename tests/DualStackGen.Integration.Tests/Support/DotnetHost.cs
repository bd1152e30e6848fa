using System;
using System.IO;

namespace DualStackGen.Integration.Tests.Support;

/// <summary>Finds the <c>dotnet</c> executable that runs this test host, to start the programs under test with.</summary>
internal static class DotnetHost
{
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : System.IO.Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    /// <summary>Gets the path of a program built next to the tests (a referenced project's output).</summary>
    public static string Program(string assemblyName)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        Assert.True(File.Exists(path), $"{path} is missing: the test project should reference {assemblyName}.");
        return path;
    }
}
