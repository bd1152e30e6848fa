using System;
using System.IO;
using System.Linq;

namespace DualStackGen.Integration.Tests.Packaging;

/// <summary>
/// A console project as a user writes it against the package: a generated dual-stack echo server, and two IPv4-only
/// listeners written the old way that the package's analyzers flag and its fixes convert. Each of the three echoes one
/// line per connection; the program prints their ports and runs until killed.
/// </summary>
internal sealed class PackageConsumer
{
    public const string ProjectFileName = "Consumer.csproj";

    public const string Banner = "ports: generated ";

    private const string ProgramSource = """
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Sockets;
        using System.Threading;
        using System.Threading.Tasks;
        using DualStackGen;

        await using var server = new PackagedEchoServer();
        await server.StartAsync();

        var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        socket.Listen();

        Console.WriteLine($"ports: generated {server.LocalEndPoints[0].Port} listener {((IPEndPoint)listener.LocalEndpoint).Port} socket {((IPEndPoint)socket.LocalEndPoint!).Port}");
        _ = Task.Run(async () =>
        {
            while (true)
            {
                await EchoLineAsync(await listener.AcceptSocketAsync());
            }
        });
        _ = Task.Run(async () =>
        {
            while (true)
            {
                await EchoLineAsync(await socket.AcceptAsync());
            }
        });
        await Task.Delay(Timeout.Infinite);

        static async Task EchoLineAsync(Socket client)
        {
            using (client)
            {
                using var stream = new NetworkStream(client);
                using var reader = new StreamReader(stream);
                await using var writer = new StreamWriter(stream) { AutoFlush = true };
                await writer.WriteLineAsync(await reader.ReadLineAsync());
            }
        }

        [TcpServer("::", 0, Mode = ListenMode.DualStack)]
        internal sealed partial class PackagedEchoServer
        {
            private static async ValueTask OnConnectionAsync(TcpConnection connection, CancellationToken cancellationToken)
            {
                try
                {
                    await connection.Stream.CopyToAsync(connection.Stream, cancellationToken);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                {
                    // The client went away or the server is stopping.
                }
            }
        }
        """;

    private PackageConsumer(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string ProjectPath => Path.Combine(Directory, ProjectFileName);

    public string ProgramPath => Path.Combine(Directory, "Program.cs");

    /// <summary>Gets the consumer's own global packages folder: what it restores can only come from the feed or the fallback.</summary>
    public string PackagesFolder => Path.Combine(Directory, "packages");

    /// <summary>Gets where the build puts the program.</summary>
    public string AssemblyPath => Path.Combine(Directory, "bin", "Release", "net10.0", "Consumer.dll");

    /// <summary>
    /// Writes the project into <paramref name="directory"/>, referencing <paramref name="packageId"/> by version only,
    /// restored from <paramref name="feed"/>; every other package comes offline from the user's package folder.
    /// </summary>
    public static PackageConsumer Write(string directory, string feed, string packageId, string version)
    {
        var consumer = new PackageConsumer(directory);
        File.WriteAllText(consumer.ProgramPath, ProgramSource);
        File.WriteAllText(consumer.ProjectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{packageId}" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        string userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{consumer.PackagesFolder}" />
              </config>
              <packageSources>
                <add key="dualstackgen-under-test" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-packages" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return consumer;
    }

    /// <summary>Gets where the compiler reports a diagnostic on <paramref name="code"/>, the first of its kind in Program.cs.</summary>
    /// <returns><c>Program.cs(line,column)</c>, as it appears in the build output.</returns>
    public static string LocationOf(string code)
    {
        string[] lines = ProgramSource.Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains(code, StringComparison.Ordinal));
        if (line < 0 || lines.Skip(line + 1).Any(l => l.Contains(code, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"\"{code}\" is not on exactly one line of the consumer's program.", nameof(code));
        }

        return $"Program.cs({line + 1},{lines[line].IndexOf(code, StringComparison.Ordinal) + 1})";
    }
}
