using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Deploy.Deployments;

namespace Switchboard.Modules.Deploy.FreezeDeploys;

/// <summary>
/// <c>freeze &lt;env|service&gt; [reason] [--until &lt;time&gt;]</c>: no deploys to an environment of any app, or of a
/// service's apps, until it is unfrozen or the time passes. Anyone may stop deploys.
/// </summary>
internal sealed class FreezeDeploysCommand(FreezeTargets targets, SwitchboardDbContext db, TimeProvider clock) : ICommandHandler<FreezeDeploysArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "freeze",
        Summary: "Stop deploys to an environment (of every app) or of a service's apps, until unfrozen or --until passes.",
        Permission: DeployPermissions.Freeze,
        Examples: ["freeze production end of quarter --until 3d"]);

    public async Task<CommandResult> HandleAsync(FreezeDeploysArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? until = null;
        if (arguments.Until is { } text)
        {
            if (Until(text, now) is not { } end || end <= now)
            {
                return DeployErrors.InvalidUntil(text);
            }

            until = end;
        }

        if (await targets.FindAsync(arguments.Target, cancellationToken) is not { } found)
        {
            return DeployErrors.UnknownFreezeTarget(arguments.Target);
        }

        var (scope, name) = found;

        await db.Set<DeployFreeze>().Where(f => f.Scope == scope && f.Name == name).ExecuteDeleteAsync(cancellationToken);
        db.Add(new DeployFreeze
        {
            Scope = scope,
            Name = name,
            FrozenById = actor.PersonId,
            FrozenByHandle = actor.Person.Handle,
            Reason = arguments.Reason,
            FrozenAt = now,
            Until = until,
        });
        await db.SaveChangesAsync(cancellationToken);
        var what = scope == DeployFreezeScope.Environment ? $"environment {name}" : $"service {name}";
        return Reply.Text($"Froze deploys to {what}{(until is { } ends ? $" until {DeployErrors.Time(ends)}" : "")}; `unfreeze {name}` ends it.", Severity.Success);
    }

    /// <summary>An absolute time (<c>2026-12-01T18:00Z</c>) or a duration from now (<c>30m</c>, <c>2h</c>, <c>3d</c>).</summary>
    private static DateTimeOffset? Until(string text, DateTimeOffset now)
    {
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return char.ToLowerInvariant(text[^1]) switch
            {
                'm' => now.AddMinutes(amount),
                'h' => now.AddHours(amount),
                'd' => now.AddDays(amount),
                _ => null,
            };
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }
}

internal sealed record FreezeDeploysArguments(
    [Argument("an environment (production) or a catalog service (billing)", MaxLength = 64)] string Target,
    [Argument("why, for whoever is refused", TakesRest = true, MaxLength = DeployLock.MaxReasonLength)] string? Reason = null,
    [Option("when it ends by itself: 2026-12-01T18:00Z, or 30m, 2h, 3d from now", MaxLength = 40)] string? Until = null);

/// <summary>What a freeze names: an environment any app has, else a catalog service.</summary>
internal sealed class FreezeTargets(IOptions<DeployOptions> options, IServiceCatalog catalog)
{
    public async Task<(DeployFreezeScope Scope, string Name)?> FindAsync(string target, CancellationToken cancellationToken)
    {
        var name = target.Trim().ToLowerInvariant();
        if (options.Value.Apps.Values.Any(app => app.FindEnvironment(name) is not null))
        {
            return (DeployFreezeScope.Environment, name);
        }

        return await catalog.FindAsync(name, cancellationToken) is { } service ? (DeployFreezeScope.Service, service.Name) : null;
    }
}
