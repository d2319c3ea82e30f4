using System.Diagnostics;
using System.Globalization;

namespace Switchboard.Bench.Api;

/// <summary>A <c>dotnet &lt;dll&gt;</c> process that is killed when disposed, whatever happened.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _stdout = new();
    private readonly Queue<string> _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public long StartedAt { get; private init; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string? LastLine
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.LastOrDefault(line => line.Length > 0);
            }
        }
    }

    public string Tail
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    public static ChildProcess Start(string dll, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The same environment for both servers, whatever the shell that runs the bench has set.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment.Remove("DOTNET_ENVIRONMENT");

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process) { StartedAt = Stopwatch.GetTimestamp() };
        process.OutputDataReceived += (_, line) => child.Keep(line.Data, stdout: true);
        process.ErrorDataReceived += (_, line) => child.Keep(line.Data, stdout: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BenchFailure($"'{_process.StartInfo.ArgumentList[0]}' did not exit within {timeout.TotalSeconds} s.{Environment.NewLine}{Tail}");
        }

        return _process.ExitCode;
    }

    /// <summary>VmRSS from <c>/proc/&lt;pid&gt;/status</c>, in MB; <c>dotnet app.dll</c> hosts the app in its own process.</summary>
    public double ResidentMegabytes()
    {
        var kilobytes = long.Parse(StatusField("VmRSS:").Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    /// <summary>User and system time of all the process's threads, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public TimeSpan CpuTime()
    {
        // Fields 14 and 15 (utime, stime) count USER_HZ ticks, which the kernel's ABI fixes at 100 a second; the
        // command name in field 2 may hold spaces, so fields are counted from its closing parenthesis.
        var fields = File.ReadAllText($"/proc/{Id}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public int Threads() => int.Parse(StatusField("Threads:"), CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"Process {Id} did not exit after being killed.");
            }
        }

        _process.Dispose();
    }

    private string StatusField(string name) =>
        File.ReadLines($"/proc/{Id}/status").First(line => line.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim();

    private void Keep(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        if (stdout)
        {
            Append(_stdout, line);
        }

        Append(_output, line);
    }

    private static void Append(Queue<string> lines, string line)
    {
        lock (lines)
        {
            lines.Enqueue(line);
            if (lines.Count > TailLines)
            {
                lines.Dequeue();
            }
        }
    }
}
