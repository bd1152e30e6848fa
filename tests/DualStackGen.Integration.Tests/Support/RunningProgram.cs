using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace DualStackGen.Integration.Tests.Support;

/// <summary>
/// A program under test (a sample through <c>dotnet</c>, or any executable: <c>systemd-socket-activate</c>, a shell
/// script), its output read line by line as it comes, and signals sent to it as a service manager would.
/// </summary>
internal sealed class RunningProgram : IAsyncDisposable
{
    /// <summary>How long a wait for a line or for the exit lasts before the test fails with the output so far.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _received = [];
    private int _streamsEnded;

    private RunningProgram(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data is null ? null : "stderr: " + e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static RunningProgram Start(string assemblyName, params string[] arguments) =>
        StartAssembly(DotnetHost.Program(assemblyName), arguments);

    /// <summary>Starts the program at <paramref name="assemblyPath"/>, wherever it was built.</summary>
    public static RunningProgram StartAssembly(string assemblyPath, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost.Path, [assemblyPath, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        return new RunningProgram(Process.Start(start)!);
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, adding <paramref name="environment"/> to its environment.</summary>
    public static RunningProgram StartExecutable(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new RunningProgram(Process.Start(start)!);
    }

    /// <summary>
    /// Starts the program under <c>bash -c</c>, after <paramref name="shellPrefix"/> (such as <c>ulimit -n 256</c>);
    /// the program replaces the shell (<c>exec</c>), so signals and the exit code are its own.
    /// </summary>
    public static RunningProgram StartUnderShell(string shellPrefix, string assemblyName, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", ["-c", shellPrefix + " && exec \"$0\" \"$@\"", DotnetHost.Path, DotnetHost.Program(assemblyName), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        return new RunningProgram(Process.Start(start)!);
    }

    /// <summary>Gets whether the program has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets the program's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Every line the program has written so far, read or not; standard error's lines start with <c>stderr: </c>.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Every line the program has written so far, one per line, for a failure message.</summary>
    public string Describe() => string.Join('\n', Output);

    /// <summary>Waits for the next output line that satisfies <paramref name="match"/>, skipping the others.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string description)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            while (true)
            {
                string line = await _lines.Reader.ReadAsync(timeout.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            Assert.Fail($"No line {description} within {Timeout.TotalSeconds} s. Output so far:\n{Describe()}");
            throw;
        }
    }

    /// <summary>
    /// Waits for the program's ready line (the first that starts with <paramref name="prefix"/>), asserts it matches
    /// <paramref name="banner"/> in full, and returns the port its <c>port</c> group names.
    /// </summary>
    public async Task<int> WaitForListeningPortAsync(string prefix, Regex banner)
    {
        string line = await WaitForLineAsync(line => line.StartsWith(prefix, StringComparison.Ordinal), "announcing the server");
        Match listening = banner.Match(line);
        Assert.True(listening.Success, $"Unexpected banner: {line}");
        return int.Parse(listening.Groups["port"].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Waits for the samples' banner (<c>Echo server on A, B; ...</c>) and returns the port it names.</summary>
    public async Task<int> WaitForBannerPortAsync(string prefix)
    {
        string line = await WaitForLineAsync(line => line.StartsWith(prefix, StringComparison.Ordinal), $"starting with \"{prefix}\"");
        Match port = Regex.Match(line, @":(?<port>\d+)[;,]");
        Assert.True(port.Success, line);
        return int.Parse(port.Groups["port"].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c>, <c>INT</c>, ...) with <c>kill</c>.</summary>
    public void Signal(string signal)
    {
        using Process kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Sends SIGINT, as Ctrl+C does, and waits for the program to exit.</summary>
    /// <returns>The exit code.</returns>
    public Task<int> InterruptAsync()
    {
        Signal("INT");
        return WaitForExitAsync();
    }

    /// <summary>Waits for the program to exit by itself, failing with its output after <paramref name="within"/> (<see cref="Timeout"/> if null).</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The program did not exit within {(within ?? Timeout).TotalSeconds} s. Output:\n{Describe()}");
        }

        // WaitForExitAsync can return before the redirected output is fully read; the last lines often matter.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT, as Ctrl+C does, and fails with the program's output unless it exits with 0.</summary>
    public async Task InterruptExpectingCleanExitAsync()
    {
        Signal("INT");
        await ExpectCleanExitAsync();
    }

    /// <summary>Waits for the program to exit by itself and fails with its output unless the exit code is 0.</summary>
    public async Task ExpectCleanExitAsync(TimeSpan? within = null)
    {
        int exitCode = await WaitForExitAsync(within);
        Assert.True(exitCode == 0, $"The program exited with {exitCode}, not 0. Output:\n{Describe()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            // Each stream reports its end once: only the second end completes the lines, or a program that writes
            // its error and exits could have stdout's end overtake its last stderr line.
            if (Interlocked.Increment(ref _streamsEnded) == 2)
            {
                _lines.Writer.TryComplete();
            }
        }
        else
        {
            lock (_received)
            {
                _received.Add(line);
            }

            _lines.Writer.TryWrite(line);
        }
    }
}
