using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace DualStackGen.Integration.Tests.Production;

/// <summary>
/// A process under test started from any executable (the samples through <c>dotnet</c>, or wrapped in
/// <c>systemd-socket-activate</c> or a shell script), with its environment, its output read line by line, and
/// signals sent to it as a service manager would.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly List<string> _all = [];

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data is null ? null : "stderr: " + e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>Every line read so far, whether waited for or not.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public static ServerProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
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

        return new ServerProcess(Process.Start(start)!);
    }

    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

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
            Assert.Fail($"No line {description} within {Timeout.TotalSeconds} s. Output:\n{string.Join('\n', Output)}");
            throw;
        }
    }

    /// <summary>Waits for the samples' banner (<c>Echo server on A, B; ...</c>) and returns the port.</summary>
    public async Task<int> WaitForBannerPortAsync(string prefix)
    {
        string line = await WaitForLineAsync(line => line.StartsWith(prefix, StringComparison.Ordinal), $"starting with \"{prefix}\"");
        Match port = Regex.Match(line, @":(?<port>\d+)[;,]");
        Assert.True(port.Success, line);
        return int.Parse(port.Groups["port"].Value, CultureInfo.InvariantCulture);
    }

    public void Signal(string signal)
    {
        using Process kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The process did not exit within {(within ?? Timeout).TotalSeconds} s. Output:\n{string.Join('\n', Output)}");
        }

        // WaitForExitAsync returns before the redirected output is fully read; the last lines matter here.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public string Describe() => string.Join('\n', Output);

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
            _lines.Writer.TryComplete();
            return;
        }

        lock (_all)
        {
            _all.Add(line);
        }

        _lines.Writer.TryWrite(line);
    }
}
