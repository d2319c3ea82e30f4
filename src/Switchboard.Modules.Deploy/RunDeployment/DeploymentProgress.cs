using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.RunDeployment;

/// <summary>
/// What a target reports, kept line by line as it arrives (so <c>deploys show</c> sees it at once and after the fact),
/// shown in the deployment's live message step by step, and posted to its thread: a step's output in one post when
/// the step ends.
/// </summary>
internal sealed class DeploymentProgress(SwitchboardDbContext db, DeploymentMessages messages, TimeProvider clock, Deployment deployment, string? channel)
    : IDeployProgress
{
    private const int MaxStepLength = 200;
    private readonly List<string> _steps = [];
    private readonly List<string> _unposted = [];
    private int _lines;

    public IReadOnlyList<string> Steps => _steps;

    public async Task StepAsync(string step, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        deployment.Step = Clip(step, MaxStepLength);
        _steps.Add(deployment.Step);
        await AddAsync(step, isStep: true, cancellationToken);
        await messages.ShowAsync(deployment, channel, _steps, cancellationToken);
    }

    public async Task OutputAsync(string line, CancellationToken cancellationToken)
    {
        _unposted.Add(line);
        await AddAsync(line, isStep: false, cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await messages.OutputAsync(deployment, channel, [.. _unposted], cancellationToken);
        _unposted.Clear();
    }

    private async Task AddAsync(string text, bool isStep, CancellationToken cancellationToken)
    {
        db.Add(new DeploymentLine
        {
            DeploymentId = deployment.Id,
            Number = ++_lines,
            Step = isStep ? Clip(text, MaxStepLength) : null,
            Text = Clip(text, DeploymentLine.MaxTextLength),
            At = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
