using System;
using System.IO;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Packaging;

/// <summary>
/// The repository packed once (<c>dotnet pack DualStackGen.sln</c>) into a temporary feed, shared by the package tests.
/// </summary>
/// <remarks>
/// It packs the build the tests run against (<c>--no-build</c>, the tests' own configuration): CI builds the solution
/// and then runs <c>dotnet test --no-build</c>, so a build here would rewrite outputs other test projects are using.
/// The version is unique to the run, so that no copy of an older package cached under <c>~/.nuget/packages</c>
/// can stand in for this one; its .nuspec files go to the temporary folder, not to src/Runtime/obj.
/// </remarks>
public sealed class PackedPackage : IAsyncLifetime
{
    public const string Id = "DualStackGen";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "dsg-pack-" + Guid.NewGuid().ToString("N"));

    public string Version { get; } = "1.0.0-roundtrip-" + Guid.NewGuid().ToString("N");

    /// <summary>Gets the folder the package was packed into, a package source for the consumer.</summary>
    public string Feed => Path.Combine(_root, "feed");

    public string PackagePath => PathIn(Feed);

    public string SymbolPackagePath => Path.ChangeExtension(PackagePath, ".snupkg");

    /// <summary>Gets a temporary folder for a test's own files, removed with the package.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    /// <summary>Packs the solution into <paramref name="output"/>.</summary>
    /// <returns>The path of the package.</returns>
    public async Task<string> PackAsync(string output)
    {
        (int exitCode, string log) = await DotnetCommand.RunAsync(
            Repository.Root,
            "pack", Path.Combine(Repository.Root, "DualStackGen.sln"), "-c", Repository.BuildConfiguration, "--no-build",
            "-o", output, "-p:Version=" + Version, "-p:NuspecOutputPath=" + output + "-nuspec/", "-nodeReuse:false");
        Assert.True(exitCode == 0, "dotnet pack failed:\n" + log);
        return PathIn(output);
    }

    public async ValueTask InitializeAsync() => await PackAsync(Feed);

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private string PathIn(string folder) => Path.Combine(folder, $"{Id}.{Version}.nupkg");
}
