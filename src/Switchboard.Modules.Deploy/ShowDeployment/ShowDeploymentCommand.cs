using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.RunDeployment;

namespace Switchboard.Modules.Deploy.ShowDeployment;

/// <summary><c>deploys show &lt;id&gt;</c>: one deployment, its steps and its output as far as it has got.</summary>
internal sealed class ShowDeploymentCommand(SwitchboardDbContext db) : ICommandHandler<ShowDeploymentArguments>
{
    private const int ShownLines = 200;

    public static CommandDefinition Definition { get; } = new(
        Verb: "deploys show",
        Summary: "Show one deployment: who asked, its state, its steps and its output so far.",
        Permission: DeployPermissions.Read,
        Examples: ["deploys show 1"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ShowDeploymentArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var id = arguments.Id;
        if (await db.Set<Deployment>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } deployment)
        {
            return DeployErrors.UnknownDeployment(id);
        }

        var lines = await db.Set<DeploymentLine>().AsNoTracking()
            .Where(l => l.DeploymentId == id)
            .OrderByDescending(l => l.Number)
            .Take(ShownLines)
            .ToListAsync(cancellationToken);
        lines.Reverse();
        var severity = deployment.State switch
        {
            DeploymentState.Succeeded => Severity.Success,
            DeploymentState.Failed => Severity.Error,
            DeploymentState.Queued or DeploymentState.Running => Severity.Info,
        };
        var reply = Reply.Build(severity)
            .Line($"{DeploymentMessages.Title(deployment)}: {deployment.Describe()} {DeploymentMessages.Outcome(deployment)}")
            .Fields(
                ("Asked by", $"@{deployment.RequesterHandle} at {DeployErrors.Time(deployment.RequestedAt)}"),
                ("Target", deployment.Target),
                ("Service", deployment.Service),
                ("Step", deployment.Step ?? "not started"),
                ("Forced past CI", deployment.Forced ? "yes" : "no"));
        if (deployment.Url is { } url)
        {
            reply.Link("At the target", new Uri(url));
        }

        if (lines.Count > 0)
        {
            reply.Line("```\n" + string.Join('\n', lines.Select(l => l.Step is null ? l.Text : $"== {l.Step}")) + "\n```");
        }

        return reply.ToReply();
    }
}

internal sealed record ShowDeploymentArguments([Argument("the deployment's number: 12")] long Id);
