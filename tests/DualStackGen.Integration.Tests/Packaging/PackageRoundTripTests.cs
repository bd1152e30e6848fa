using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Packaging;

/// <summary>
/// The one DualStackGen package as a user gets it: what <c>dotnet pack</c> puts in it, that packing is reproducible,
/// and a fresh console project that references it by version only, is flagged, fixed with <c>dotnet format</c>, and
/// serves 127.0.0.1 and ::1.
/// </summary>
public sealed partial class PackageRoundTripTests(PackedPackage package) : IClassFixture<PackedPackage>
{
    private static readonly string[] RuntimeTargetFrameworks = ["net8.0", "net10.0"];

    private static readonly string[] AnalyzerAssemblies = ["DualStackGen.Generator", "DualStackGen.CodeFixes"];

    [Fact]
    public void Packing_the_solution_gives_one_package_and_its_symbols()
    {
        string[] packed = Directory.GetFiles(package.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        Assert.Equal([Path.GetFileName(package.PackagePath), Path.GetFileName(package.SymbolPackagePath)], packed);
    }

    [Fact]
    public void The_package_holds_the_runtime_per_framework_the_analyzers_and_the_readme()
    {
        using ZipArchive archive = ZipFile.OpenRead(package.PackagePath);
        string[] assemblies = archive.Entries.Select(e => e.FullName).Where(name => name.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

        string[] expected =
        [
            .. AnalyzerAssemblies.Select(name => $"analyzers/dotnet/cs/{name}.dll"),
            .. RuntimeTargetFrameworks.Select(framework => $"lib/{framework}/DualStackGen.Runtime.dll"),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), assemblies);
        foreach (string path in assemblies)
        {
            Assert.Equal(Path.GetFileNameWithoutExtension(path), AssemblyNameOf(archive.GetEntry(path)!));
        }

        foreach (string framework in RuntimeTargetFrameworks)
        {
            Assert.NotNull(archive.GetEntry($"lib/{framework}/DualStackGen.Runtime.xml"));
        }

        Assert.Equal(File.ReadAllBytes(Path.Combine(Repository.Root, "README.md")), ReadAll(archive.GetEntry("README.md")!));
    }

    [Fact]
    public void The_nuspec_names_the_license_readme_and_repository_and_depends_only_on_what_the_runtime_references()
    {
        using ZipArchive archive = ZipFile.OpenRead(package.PackagePath);
        XElement metadata = Nuspec(archive).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal(PackedPackage.Id, Value("id"));
        Assert.Equal(package.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("https://github.com/dualstackgen/dualstackgen", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")?.Value);
        Assert.NotEmpty(Value("description"));
        Assert.NotEmpty(Value("authors"));

        Dictionary<string, string[]> dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "group").ToDictionary(
            group => group.Attribute("targetFramework")!.Value,
            group => group.Elements().Select(d => d.Attribute("id")!.Value).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(RuntimeTargetFrameworks.Order(StringComparer.Ordinal), dependencies.Keys.Order(StringComparer.Ordinal));
        // net10.0 has System.IO.Pipelines in its shared framework, so the SDK leaves that dependency out there.
        Assert.Equal(["Microsoft.Extensions.Logging.Abstractions", "System.IO.Pipelines"], dependencies["net8.0"]);
        Assert.Equal(["Microsoft.Extensions.Logging.Abstractions"], dependencies["net10.0"]);
    }

    [Fact]
    public void The_symbol_package_holds_a_portable_pdb_per_framework()
    {
        using ZipArchive symbols = ZipFile.OpenRead(package.SymbolPackagePath);

        foreach (string framework in RuntimeTargetFrameworks)
        {
            ZipArchiveEntry? pdb = symbols.GetEntry($"lib/{framework}/DualStackGen.Runtime.pdb");
            Assert.NotNull(pdb);
            // A portable PDB is ECMA-335 metadata, which starts with the signature "BSJB"; a Windows PDB does not.
            Assert.Equal("BSJB"u8.ToArray(), ReadAll(pdb)[..4]);
        }
    }

    [Fact]
    public async Task Packing_the_same_build_again_gives_identical_bytes()
    {
        string again = await package.PackAsync(package.Scratch("second-pack"));

        Assert.True(File.ReadAllBytes(package.PackagePath).AsSpan().SequenceEqual(File.ReadAllBytes(again)), "The two .nupkg files differ.");
        Assert.True(
            File.ReadAllBytes(package.SymbolPackagePath).AsSpan().SequenceEqual(File.ReadAllBytes(Path.ChangeExtension(again, ".snupkg"))),
            "The two .snupkg files differ.");
    }

    [Fact]
    public async Task A_project_referencing_the_package_is_flagged_fixed_by_dotnet_format_and_serves_both_loopbacks()
    {
        PackageConsumer consumer = PackageConsumer.Write(package.Scratch("consumer"), package.Feed, PackedPackage.Id, package.Version);
        string[] expectedWarnings =
        [
            $"{PackageConsumer.LocationOf("new TcpListener(IPAddress.Any, 0)")}: warning DSG0002",
            $"{PackageConsumer.LocationOf("AddressFamily.InterNetwork,")}: warning DSG0001",
            $"{PackageConsumer.LocationOf("new IPEndPoint(IPAddress.Any, 0)")}: warning DSG0002",
        ];

        string buildOutput = await BuildAsync(consumer);
        Assert.Equal(expectedWarnings.Order(StringComparer.Ordinal), Warnings(buildOutput));
        string restored = Path.Combine(consumer.PackagesFolder, PackedPackage.Id.ToLowerInvariant(), package.Version, $"{PackedPackage.Id.ToLowerInvariant()}.{package.Version}.nupkg");
        Assert.True(File.Exists(restored), $"The consumer did not restore the package into its own folder: {restored} is missing.");
        Assert.True(File.ReadAllBytes(package.PackagePath).AsSpan().SequenceEqual(File.ReadAllBytes(restored)), "The consumer restored another package than the one packed.");

        await using (RunningProgram before = RunningProgram.StartAssembly(consumer.AssemblyPath))
        {
            ConsumerPorts ports = await WaitForPortsAsync(before);
            await LoopbackEcho.TcpAsync(IPAddress.Loopback, ports.Generated, "generated, IPv4\n");
            await LoopbackEcho.TcpAsync(IPAddress.IPv6Loopback, ports.Generated, "generated, IPv6\n");
            foreach (int legacy in new[] { ports.Listener, ports.Socket })
            {
                await LoopbackEcho.TcpAsync(IPAddress.Loopback, legacy, "IPv4-only, IPv4\n");
                await LoopbackEcho.AssertRefusedAsync(IPAddress.IPv6Loopback, legacy);
            }
        }

        string original = File.ReadAllText(consumer.ProgramPath);
        string[] rules = expectedWarnings.Select(w => w[(w.LastIndexOf(' ') + 1)..]).Distinct().ToArray();
        (int formatExit, string formatOutput) = await DotnetCommand.RunAsync(
            consumer.Directory, ["format", "analyzers", consumer.ProjectPath, "--diagnostics", .. rules, "--severity", "info"]);
        Assert.True(formatExit == 0, "dotnet format failed:\n" + formatOutput);
        string fixedSource = File.ReadAllText(consumer.ProgramPath);
        Assert.NotEqual(original, fixedSource);

        string rebuildOutput = await BuildAsync(consumer);
        Assert.True(Warnings(rebuildOutput).Length == 0, "Warnings left after dotnet format:\n" + rebuildOutput + "\n\n" + fixedSource);

        await using RunningProgram after = RunningProgram.StartAssembly(consumer.AssemblyPath);
        ConsumerPorts fixedPorts = await WaitForPortsAsync(after);
        foreach (int port in new[] { fixedPorts.Generated, fixedPorts.Listener, fixedPorts.Socket })
        {
            await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "fixed, IPv4\n");
            await LoopbackEcho.TcpAsync(IPAddress.IPv6Loopback, port, "fixed, IPv6\n");
        }
    }

    private static async Task<string> BuildAsync(PackageConsumer consumer)
    {
        (int exitCode, string output) = await DotnetCommand.RunAsync(consumer.Directory, "build", consumer.ProjectPath, "-c", "Release", "-nodeReuse:false");
        Assert.True(exitCode == 0, "The consumer does not build:\n" + output + "\n\n" + File.ReadAllText(consumer.ProgramPath));
        return output;
    }

    /// <returns>Every distinct warning of the build as <c>Program.cs(line,column): warning ID</c>, sorted.</returns>
    /// <remarks>Any warning counts, not only DSG ones: the compiler failing to load an analyzer of the package (CS8032, CS9057) is one.</remarks>
    private static string[] Warnings(string buildOutput) =>
        WarningLine().Matches(buildOutput).Select(m => $"{m.Groups["file"].Value}: warning {m.Groups["id"].Value}").Distinct().Order(StringComparer.Ordinal).ToArray();

    private static async Task<ConsumerPorts> WaitForPortsAsync(RunningProgram program)
    {
        string line = await program.WaitForLineAsync(line => line.StartsWith(PackageConsumer.Banner, StringComparison.Ordinal), "with the ports");
        Match ports = PortsBanner().Match(line);
        Assert.True(ports.Success, $"Unexpected banner: {line}");
        int Port(string name) => int.Parse(ports.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);
        return new ConsumerPorts(Port("generated"), Port("listener"), Port("socket"));
    }

    private static XDocument Nuspec(ZipArchive archive)
    {
        using Stream stream = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string AssemblyNameOf(ZipArchiveEntry entry)
    {
        using var peReader = new PEReader(new MemoryStream(ReadAll(entry)));
        MetadataReader metadata = peReader.GetMetadataReader();
        return metadata.GetString(metadata.GetAssemblyDefinition().Name);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using Stream stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // "dir/Program.cs(12,16): warning DSG0002: ...", "CSC : warning CS8032: ...": the file name (with its position) and the id.
    [GeneratedRegex(@"(?<file>[^\s\\/]*)\s*:\s*warning\s+(?<id>[A-Za-z]+[0-9]+)")]
    private static partial Regex WarningLine();

    [GeneratedRegex(@"^ports: generated (?<generated>\d+) listener (?<listener>\d+) socket (?<socket>\d+)$")]
    private static partial Regex PortsBanner();

    private sealed record ConsumerPorts(int Generated, int Listener, int Socket);
}
