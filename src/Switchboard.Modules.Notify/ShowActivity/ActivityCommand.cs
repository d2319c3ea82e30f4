using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.Timeline;

namespace Switchboard.Modules.Notify.ShowActivity;

/// <summary><c>activity</c>: what happened to a service, or to one of its repositories, lately: deploys, merges, errors and alerts.</summary>
internal sealed class ActivityCommand(ServiceCatalog catalog, ServiceTimeline timeline, TimeProvider clock) : ICommandHandler<ActivityArguments>
{
    private const int Shown = 25;

    public static CommandDefinition Definition { get; } = new(
        Verb: "activity",
        Summary: "What happened lately to a service or a repository: deploys, merges, errors, alerts.",
        Permission: NotifyPermissions.Read,
        Examples: ["activity api", "activity Codertocat/Spoon-Knife --since 7d"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ActivityArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (span, error) = Lookback.Parse(arguments.Since);
        if (span is null)
        {
            return error!;
        }

        var repository = arguments.Subject.Contains('/', StringComparison.Ordinal) ? arguments.Subject : null;
        var service = repository is null
            ? await catalog.FindAsync(arguments.Subject, cancellationToken)
            : await catalog.FindByLinkAsync(ServiceLinkKind.Repository, repository, cancellationToken);
        if (service is null)
        {
            return repository is null
                ? NotifyErrors.UnknownService(arguments.Subject)
                : NotifyErrors.UnownedRepository(repository);
        }

        var entries = await timeline.ReadAsync(service.Name, clock.GetUtcNow() - span.Value, [], Shown, cancellationToken);
        var shown = entries.Where(e => repository is null || string.Equals(e.Subject, repository, StringComparison.OrdinalIgnoreCase)).ToList();
        var subject = repository is null ? $"**{service.Name}**" : $"`{repository}` (service {service.Name})";
        if (shown.Count == 0)
        {
            return Reply.Text($"Nothing happened to {subject} in the last {arguments.Since}.");
        }

        var reply = Reply.Build().Line($"Activity of {subject}, last {arguments.Since}, newest first:");
        foreach (var entry in shown)
        {
            reply.Line(TimelineLines.Line(entry, actor.Person.TimeZone));
        }

        return reply.ToReply();
    }
}

internal sealed record ActivityArguments(
    [Argument("A service, or a repository owner/repo that belongs to one.", MaxLength = 200)] string Subject,
    [Option("How far back: 90m, 24h, 7d.", MaxLength = 8)] string Since = "24h");
