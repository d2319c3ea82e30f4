using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.RunDeployment;

namespace Switchboard.Modules.Deploy.ListDeployments;

/// <summary><c>deploys [app] [--env E]</c>: who is deploying right now, then the latest deployments, newest first.</summary>
internal sealed class ListDeploymentsCommand(SwitchboardDbContext db, IOptions<DeployOptions> options) : ICommandHandler<ListDeploymentsArguments>
{
    private const int HistoryLength = 20;

    public static CommandDefinition Definition { get; } = new(
        Verb: "deploys",
        Summary: "Show who is deploying right now and the latest deployments, of one app and environment if you name them.",
        Permission: DeployPermissions.Read,
        Examples: ["deploys", "deploys api", "deploys api --env production"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ListDeploymentsArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        string? app = null;
        if (arguments.App is { } named)
        {
            if (options.Value.FindApp(named) is not { } found)
            {
                return DeployErrors.UnknownApp(named, options.Value.Apps.Keys);
            }

            app = found.Name;
        }

        var environment = arguments.Env?.ToLowerInvariant();
        var query = db.Set<Deployment>().AsNoTracking()
            .Where(d => (app == null || d.App == app) && (environment == null || d.Environment == environment));
        var running = await query.Where(d => d.ActiveKey != null).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var history = await query.Where(d => d.ActiveKey == null).OrderByDescending(d => d.Id).Take(HistoryLength).ToListAsync(cancellationToken);
        var scope = (app ?? "any app") + (environment is null ? "" : " in " + environment);
        if (running.Count == 0 && history.Count == 0)
        {
            return Reply.Text($"No deployments of {scope} yet.");
        }

        var reply = Reply.Build();
        reply.Line(running.Count == 0 ? $"Nobody is deploying {scope} right now." : "Deploying right now:");
        foreach (var deployment in running)
        {
            reply.Line(Row(deployment));
        }

        if (history.Count > 0)
        {
            reply.Line("Latest:");
            foreach (var deployment in history)
            {
                reply.Line(Row(deployment));
            }
        }

        return reply.ToReply();
    }

    private static string Row(Deployment deployment) =>
        $"{DeploymentMessages.Title(deployment)} {deployment.Describe()} by @{deployment.RequesterHandle} at {DeployErrors.Time(deployment.RequestedAt)}: "
        + DeploymentMessages.Outcome(deployment)
        + (deployment.ActiveKey is not null && deployment.Step is { } step ? $" ({step})" : "")
        + (deployment.Forced ? " [forced past CI]" : "")
        + (deployment.FinishedAt is { } finished && deployment.StartedAt is { } started
            ? $", took {(finished - started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s"
            : "");
}

internal sealed record ListDeploymentsArguments(
    [Argument("the app: api; every app when left out", MaxLength = 64)] string? App = null,
    [Option("only this environment: production", MaxLength = 64)] string? Env = null);
