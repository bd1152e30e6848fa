using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DualStackGen.Integration.Tests.Support;

namespace DualStackGen.Integration.Tests.Samples;

/// <summary>
/// samples/LegacyListener through the command-line fix: a copy is fixed with <c>dotnet format analyzers</c>, rebuilt with
/// no DSG warning left, and then serves clients over both 127.0.0.1 and ::1.
/// </summary>
public sealed partial class LegacyListenerFormatTests : IDisposable
{
    private static readonly string[] WarningRules = ["DSG0001", "DSG0002", "DSG0003", "DSG0004", "DSG0005", "DSG0009"];

    private readonly string _copy = Path.Combine(Path.GetTempPath(), "dsg-legacy-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Dotnet_format_fixes_every_warning_and_the_fixed_server_serves_IPv4_and_IPv6()
    {
        string project = CopySample();
        string original = File.ReadAllText(Path.Combine(_copy, "Program.cs"));

        (int formatExit, string formatOutput) = await DotnetCommand.RunAsync(_copy, ["format", "analyzers", project, "--diagnostics", .. WarningRules, "--severity", "info"]);
        Assert.True(formatExit == 0, "dotnet format failed:\n" + formatOutput);
        string fixedSource = File.ReadAllText(Path.Combine(_copy, "Program.cs"));
        Assert.NotEqual(original, fixedSource);

        (int buildExit, string buildOutput) = await DotnetCommand.RunAsync(_copy, "build", project, "-c", "Release", "-nodeReuse:false");
        Assert.True(buildExit == 0, "The fixed sample does not build:\n" + buildOutput + "\n\n" + fixedSource);
        string[] remaining = buildOutput.Split('\n').Where(line => WarningRules.Any(rule => line.Contains("warning " + rule, StringComparison.Ordinal))).Distinct().ToArray();
        Assert.True(remaining.Length == 0, "DSG warnings left after dotnet format:\n" + string.Join('\n', remaining) + "\n\n" + fixedSource);

        await using RunningProgram server = RunningProgram.StartAssembly(Path.Combine(_copy, "bin", "Release", "net10.0", "LegacyListener.dll"), "0");
        int port = await server.WaitForListeningPortAsync("Legacy listener on port ", ListeningBanner());

        await LoopbackEcho.TcpAsync(IPAddress.Loopback, port, "over IPv4\n");
        // The fixed comparison unwraps ::ffff:127.0.0.1, so the IPv4 client is recognized as local again.
        await server.WaitForLineAsync(line => line == "client ::ffff:127.0.0.1 local=True", "for the IPv4 client, recognized as local");
        await LoopbackEcho.TcpAsync(IPAddress.IPv6Loopback, port, "over IPv6\n");
        await server.WaitForLineAsync(line => line == "client ::1 local=False", "for the IPv6 client");
    }

    public void Dispose()
    {
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    /// <summary>Copies the sample, referencing the analyzers and fixes built next to the tests instead of the repository's projects.</summary>
    /// <returns>The copied project file.</returns>
    private string CopySample()
    {
        string sample = Path.Combine(Repository.Root, "samples", "LegacyListener");
        Directory.CreateDirectory(_copy);
        File.Copy(Path.Combine(sample, "Program.cs"), Path.Combine(_copy, "Program.cs"));
        string project = File.ReadAllText(Path.Combine(sample, "LegacyListener.csproj"));
        project = ProjectReference().Replace(project, match =>
            $"<Analyzer Include=\"{DotnetHost.Program("DualStackGen." + match.Groups["name"].Value)}\" />");
        Assert.DoesNotContain("ProjectReference", project, StringComparison.Ordinal);
        string projectPath = Path.Combine(_copy, "LegacyListener.csproj");
        File.WriteAllText(projectPath, project);

        // The repository's Directory.Build.props does not reach the temporary folder; keep the language settings it gives.
        File.WriteAllText(Path.Combine(_copy, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        return projectPath;
    }

    [GeneratedRegex(@"^Legacy listener on port (?<port>\d+),")]
    private static partial Regex ListeningBanner();

    [GeneratedRegex(@"<ProjectReference Include=""[^""]*\\DualStackGen\.(?<name>Generator|CodeFixes)\.csproj""[^>]*/>")]
    private static partial Regex ProjectReference();
}
