using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace DualStackGen.Integration.Tests.Support;

/// <summary>A program under test started with <c>dotnet</c>, its output read line by line as it comes.</summary>
internal sealed class RunningProgram : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
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

    /// <summary>Every line the program has written so far, read or not.</summary>
    public IReadOnlyList<string> ReceivedLines()
    {
        lock (_received)
        {
            return [.. _received];
        }
    }

    /// <summary>Waits for the next output line that satisfies <paramref name="match"/>, skipping the others.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string description)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            while (true)
            {
                string line = await _lines.Reader.ReadAsync(timeout.Token);
                lock (_seen)
                {
                    _seen.Add(line);
                }

                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            Assert.Fail($"No line {description} within {Timeout.TotalSeconds} s. Output so far:\n{string.Join('\n', _seen)}");
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

    /// <summary>Sends SIGINT, as Ctrl+C does, and waits for the program to exit.</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> InterruptAsync()
    {
        using (Process kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync();
    }

    /// <summary>Waits for the program to exit by itself.</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
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
