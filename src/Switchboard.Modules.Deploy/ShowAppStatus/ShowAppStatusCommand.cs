using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.RunDeployment;
using Switchboard.Modules.Deploy.Targets.Heroku;

namespace Switchboard.Modules.Deploy.ShowAppStatus;

/// <summary>
/// <c>status &lt;app&gt;</c>: each environment along the pipeline with what last deployed there and what is under way.
/// A Heroku environment adds Heroku's own view, read with the person's own token: releases, dynos and add-ons.
/// </summary>
internal sealed class ShowAppStatusCommand(SwitchboardDbContext db, IOptions<DeployOptions> options, IConfiguration configuration, HerokuStatus heroku)
    : ICommandHandler<ShowAppStatusArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "status",
        Summary: "Show an app's environments along its pipeline: what runs in each, and what is being deployed.",
        Permission: DeployPermissions.Read,
        Examples: ["status api"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ShowAppStatusArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (options.Value.FindApp(arguments.App) is not { } found)
        {
            return DeployErrors.UnknownApp(arguments.App, options.Value.Apps.Keys);
        }

        var (app, appOptions) = found;
        var environments = appOptions.Pipeline.Concat(appOptions.Environments.Keys)
            .Select(e => appOptions.FindEnvironment(e)!.Value.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var deployments = db.Set<Deployment>().AsNoTracking().Where(d => d.App == app);
        var reply = Reply.Build().Line($"{app} (service {appOptions.Service}{(appOptions.Repository is { } repository ? $", {repository}" : "")})");
        foreach (var environment in environments)
        {
            var current = await deployments.Where(d => d.Environment == environment && d.State == DeploymentState.Succeeded)
                .OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
            var active = await deployments.Where(d => d.Environment == environment && d.ActiveKey != null).FirstOrDefaultAsync(cancellationToken);
            var target = appOptions.Environments.Single(e => e.Key == environment).Value.Target.ToLowerInvariant();
            var fields = new List<(string, string)>
            {
                ("Target", target),
                ("Running", current is null ? "nothing deployed through Switchboard yet"
                    : $"{current.Version ?? current.Ref ?? current.Release ?? "?"} since {DeployErrors.Time(current.FinishedAt!.Value)} ({DeploymentMessages.Title(current)} by @{current.RequesterHandle})"),
                ("Under way", active is null ? "nothing" : $"{DeploymentMessages.Title(active)} {active.Describe()} by @{active.RequesterHandle}"),
            };
            if (target == "heroku" && configuration[$"{DeployOptions.SectionName}:Apps:{app}:Environments:{environment}:App"] is { } herokuApp)
            {
                fields.AddRange(HerokuFields(await heroku.ReadAsync(actor.PersonId, herokuApp, cancellationToken)));
            }

            reply.Section(environment, section => section.Fields(fields));
        }

        return reply.ToReply();
    }

    private static IEnumerable<(string, string)> HerokuFields(HerokuAppStatus status)
    {
        if (status.Error is { } error)
        {
            return [("Heroku", $"could not be read: {error.Detail}")];
        }

        return
        [
            ("Releases", string.Join("; ", status.Releases.Select(r => $"{r.Version}{(r.IsCurrent ? " (current)" : "")} {r.Description} by {r.By ?? "?"} at {DeployErrors.Time(r.At)}"))),
            ("Dynos", status.Dynos.Count == 0 ? "none" : string.Join("; ", status.Dynos.Select(d => $"{d.Name} {d.State}{(d.Size is { } size ? $" ({size})" : "")}{(d.Release is { } release ? $" on {release}" : "")}"))),
            ("Add-ons", status.AddOns.Count == 0 ? "none" : string.Join("; ", status.AddOns.Select(a => $"{a.Name} {a.Plan}{(a.State is { } state ? $" ({state})" : "")}"))),
        ];
    }
}

internal sealed record ShowAppStatusArguments([Argument("the app: api", MaxLength = 64)] string App);
