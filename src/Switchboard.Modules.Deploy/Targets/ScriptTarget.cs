using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Deploy.Targets;

/// <summary>
/// Runs the environment's <c>Command</c> with <c>/bin/sh -c</c>, with the deployment in its environment
/// (<c>SWITCHBOARD_APP</c>, <c>_REF</c>, <c>_ENVIRONMENT</c>, <c>_PERSON</c>, <c>_DEPLOY_ID</c>, and <c>_FROM_ENVIRONMENT</c>
/// or <c>_RELEASE</c> for a promotion or rollback), each line it writes as output, and its exit code as the outcome. A line
/// that starts with <c>-----&gt; </c>, as Heroku's buildpacks write theirs, begins a step.
/// It is stopped, with every process it started, when it outlives its <c>Timeout</c> or the deployment is cancelled.
/// </summary>
internal sealed class ScriptTarget(TimeProvider clock, ILogger<ScriptTarget> logger) : IDeployTarget
{
    private const string StepPrefix = "-----> ";

    public string Name => "script";

    public async Task<DeployOutcome> RunAsync(DeployJob job, IDeployProgress progress, CancellationToken cancellationToken)
    {
        var timeout = job.Settings.GetValue("Timeout", TimeSpan.FromMinutes(30));
        using var timer = new CancellationTokenSource(timeout, clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        using var process = new Process { StartInfo = StartInfo(job) };
        var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var open = 2;
        void Receive(DataReceivedEventArgs line)
        {
            if (line.Data is { } text)
            {
                lines.Writer.TryWrite(text);
            }
            else if (Interlocked.Decrement(ref open) == 0)
            {
                lines.Writer.TryComplete();
            }
        }

        process.OutputDataReceived += (_, line) => Receive(line);
        process.ErrorDataReceived += (_, line) => Receive(line);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var kill = stop.Token.Register(() => process.Kill(entireProcessTree: true));

        await foreach (var line in lines.Reader.ReadAllAsync(CancellationToken.None))
        {
            await (line.StartsWith(StepPrefix, StringComparison.Ordinal)
                ? progress.StepAsync(line[StepPrefix.Length..].Trim(), CancellationToken.None)
                : progress.OutputAsync(line, CancellationToken.None));
        }

        await process.WaitForExitAsync(CancellationToken.None);
        if (timer.IsCancellationRequested)
        {
            logger.ScriptTimedOut(job.Id, timeout);
            return new DeployOutcome(Error.Unavailable("deploy.script-timed-out", $"The deploy script ran longer than {timeout:c} and was stopped."), null, null);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return process.ExitCode == 0
            ? new DeployOutcome(null, job.Ref, null)
            : new DeployOutcome(
                Error.Unavailable("deploy.script-failed", $"The deploy script exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}; its output is in the deployment's thread and `deploys show {job.Id.ToString(CultureInfo.InvariantCulture)}`."),
                null,
                null);
    }

    private static ProcessStartInfo StartInfo(DeployJob job)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(job.Settings["Command"] ?? "");
        if (job.Settings["WorkingDirectory"] is { Length: > 0 } directory)
        {
            start.WorkingDirectory = directory;
        }

        start.Environment["SWITCHBOARD_APP"] = job.App;
        start.Environment["SWITCHBOARD_REF"] = job.Ref ?? "";
        start.Environment["SWITCHBOARD_ENVIRONMENT"] = job.Environment;
        start.Environment["SWITCHBOARD_PERSON"] = job.RequesterHandle;
        start.Environment["SWITCHBOARD_DEPLOY_ID"] = job.Id.ToString(CultureInfo.InvariantCulture);
        start.Environment["SWITCHBOARD_ACTION"] = job.Action.ToString().ToLowerInvariant();
        start.Environment["SWITCHBOARD_FROM_ENVIRONMENT"] = job.FromEnvironment ?? "";
        start.Environment["SWITCHBOARD_RELEASE"] = job.Release ?? "";
        return start;
    }
}
