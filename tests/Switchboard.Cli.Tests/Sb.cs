using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.Cli.Tests;

/// <summary>
/// The built <c>sb</c> run as a person runs it: its own process, a config folder of its own, and only the
/// environment the test gives it. Every run has a hard timeout, after which the process tree is killed.
/// </summary>
public sealed class Sb : IDisposable
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Switchboard.Cli.dll");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<Process> _started = [];

    public string ConfigDirectory { get; } = Directory.CreateTempSubdirectory("switchboard-cli-").FullName;

    public string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

    /// <summary><c>SWITCHBOARD_URL</c> and <c>SWITCHBOARD_TOKEN</c>; unset when null, whatever the test runner has.</summary>
    public Uri? Url { get; set; }

    public string? Token { get; set; }

    public static Uri UnreachableUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
    }

    /// <summary>Runs sb to the end with these arguments, exactly as a shell would pass them, and this piped into it.</summary>
    public async Task<SbResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, string standardInput = "")
    {
        using var running = Start(arguments, standardInput);
        return await running.WaitAsync(cancellationToken);
    }

    /// <summary>Starts sb and leaves it running, for commands that go on until they are told to stop.</summary>
    public RunningSb Start(IEnumerable<string> arguments, string standardInput = "")
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SWITCHBOARD_CONFIG_DIR"] = ConfigDirectory;
        SetOrRemove(start, "SWITCHBOARD_URL", Url?.ToString());
        SetOrRemove(start, "SWITCHBOARD_TOKEN", Token);
        var process = Process.Start(start)!;
        _started.Add(process);
        return new RunningSb(process, Patience, standardInput);
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            RunningSb.Kill(process);
            process.Dispose();
        }

        Directory.Delete(ConfigDirectory, recursive: true);
    }

    private static void SetOrRemove(ProcessStartInfo start, string name, string? value)
    {
        if (value is null)
        {
            start.Environment.Remove(name);
        }
        else
        {
            start.Environment[name] = value;
        }
    }
}

/// <summary>What sb left behind: its exit code and everything it wrote.</summary>
public sealed record SbResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>A running sb, what it has printed so far, and the moment <c>sb watch</c> says on stderr that it is watching.</summary>
public sealed class RunningSb : IDisposable
{
    private readonly Process _process;
    private readonly TimeSpan _patience;
    private readonly StringBuilder _printed = new();
    private readonly Task<string> _output;
    private readonly List<string> _errorLines = [];
    private readonly Task _errors;
    private readonly TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RunningSb(Process process, TimeSpan patience, string standardInput)
    {
        _process = process;
        _patience = patience;
        _process.StandardInput.Write(standardInput);
        _process.StandardInput.Close();
        _output = ReadOutputAsync();
        _errors = ReadErrorsAsync();
    }

    /// <summary>Waits until watch has read the channel up to now, so that what is posted next is new to it.</summary>
    public async Task WaitUntilWatchingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_patience);
        var finished = await Task.WhenAny(_watching.Task, _errors).WaitAsync(timeout.Token);
        if (finished != _watching.Task)
        {
            Assert.Fail($"sb ended before it started watching:\n{await WaitAsync(cancellationToken)}");
        }
    }

    /// <summary>Waits until sb has printed <paramref name="expected"/>, and answers all it printed by then.</summary>
    public async Task<string> WaitForOutputAsync(string expected, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var printed = Printed();
            if (printed.Contains(expected, StringComparison.Ordinal))
            {
                return printed;
            }

            if (_process.HasExited || waited.Elapsed > _patience)
            {
                var ended = await WaitAsync(cancellationToken);
                Assert.True(ended.Output.Contains(expected, StringComparison.Ordinal), $"sb did not print '{expected}':\n{ended}");
                return ended.Output;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async Task<SbResult> WaitAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(_process);
            Assert.Fail($"sb did not finish within {_patience.TotalSeconds} s and was killed.");
        }

        await _errors;
        return new SbResult(_process.ExitCode, await _output, string.Join('\n', _errorLines));
    }

    public void Dispose() => Kill(_process);

    internal static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private string Printed()
    {
        lock (_printed)
        {
            return _printed.ToString();
        }
    }

    private async Task<string> ReadOutputAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_printed)
            {
                _printed.Append(buffer, 0, read);
            }
        }

        return Printed();
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            _errorLines.Add(line);
            if (line.StartsWith("Watching ", StringComparison.Ordinal))
            {
                _watching.TrySetResult();
            }
        }
    }
}
