using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Catalog;

namespace Switchboard.Modules.Notify.CreateService;

/// <summary><c>service create</c>: adds a service to the catalog, so its events reach its team with no further setup.</summary>
internal sealed class CreateServiceCommand(ServiceWriter writer, IPersonDirectory directory) : ICommandHandler<CreateServiceArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "service create",
        Summary: "Add a service to the catalog: its team, its channel, and its repositories and alert sources.",
        Permission: NotifyPermissions.Catalog,
        Examples: ["service create api --team ops --pagerduty PF9KMXH --channel #ops", "service create web --team ops --repo Codertocat/Hello-World --sentry web"]);

    public async Task<CommandResult> HandleAsync(CreateServiceArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (await writer.FindAsync(arguments.Name, cancellationToken) is not null)
        {
            return NotifyErrors.ServiceExists(arguments.Name.ToLowerInvariant());
        }

        if (string.IsNullOrWhiteSpace(arguments.Team))
        {
            return NotifyErrors.NoTeam(arguments.Name);
        }

        var draft = new ServiceDraft(arguments.Name, arguments.Team, arguments.Channel, [.. arguments.Links()]);
        var (service, error) = await writer.SaveAsync(existing: null, draft, actor.PersonId, cancellationToken);
        if (service is null)
        {
            return error!;
        }

        var note = await directory.FindTeamAsync(service.Team, cancellationToken) is null
            ? $"There is no team {service.Team} in the Rolodex yet; `team create {service.Team}` adds it, so its people can be paged and approve."
            : null;
        return ServiceCard.Show(service.ToEntry(), $"Service **{service.Name}** added.", Severity.Success, note);
    }
}

internal sealed record CreateServiceArguments(
    [Argument("A name of lower-case letters, digits and dashes.", MaxLength = ServiceRules.MaxNameLength)] string Name,
    [Option("A GitHub repository, owner/repo, that is part of it; may be given more than once.", MaxLength = ServiceRules.MaxLinkLength)] IReadOnlyList<string> Repo,
    [Option("The team that owns it.", MaxLength = 64)] string? Team = null,
    [Option("Its PagerDuty service id, such as PF9KMXH.", MaxLength = ServiceRules.MaxLinkLength)] string? Pagerduty = null,
    [Option("Its Sentry project slug.", MaxLength = ServiceRules.MaxLinkLength)] string? Sentry = null,
    [Option("Its Rollbar project id.", MaxLength = ServiceRules.MaxLinkLength)] string? Rollbar = null,
    [Option("The prefix of its Librato alerts' names.", MaxLength = ServiceRules.MaxLinkLength)] string? Librato = null,
    [Option("The channel that gets its alerts, e.g. #ops.", MaxLength = 81)] string? Channel = null)
{
    public IEnumerable<ServiceLink> Links()
    {
        foreach (var repository in Repo)
        {
            yield return new(ServiceLinkKind.Repository, repository);
        }

        foreach (var (kind, value) in new[] { (ServiceLinkKind.PagerDuty, Pagerduty), (ServiceLinkKind.Sentry, Sentry), (ServiceLinkKind.Rollbar, Rollbar), (ServiceLinkKind.Librato, Librato) })
        {
            if (value is not null)
            {
                yield return new(kind, value);
            }
        }
    }
}
