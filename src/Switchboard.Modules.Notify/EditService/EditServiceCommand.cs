using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Catalog;

namespace Switchboard.Modules.Notify.EditService;

/// <summary><c>service edit</c>: changes what it is told; everything else about the service stays.</summary>
internal sealed class EditServiceCommand(ServiceWriter writer, IPersonDirectory directory) : ICommandHandler<EditServiceArguments>
{
    private const string None = "none";

    public static CommandDefinition Definition { get; } = new(
        Verb: "service edit",
        Summary: "Change a service's team, channel, repositories or alert sources; 'none' clears one.",
        Permission: NotifyPermissions.Catalog,
        Examples: ["service edit api --add-repo Codertocat/Spoon-Knife --sentry api-server", "service edit api --channel none"]);

    public async Task<CommandResult> HandleAsync(EditServiceArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var service = await writer.FindAsync(arguments.Name, cancellationToken);
        if (service is null)
        {
            return NotifyErrors.UnknownService(arguments.Name);
        }

        if (await ServiceOwnership.CheckAsync(service, actor, directory, cancellationToken) is { } refused)
        {
            return refused;
        }

        var links = service.ToEntry().Links.ToList();
        links.RemoveAll(l => l.Kind == ServiceLinkKind.Repository && arguments.RemoveRepo.Contains(l.Value, StringComparer.OrdinalIgnoreCase));
        links.AddRange(arguments.AddRepo.Select(r => new ServiceLink(ServiceLinkKind.Repository, r)));
        foreach (var (kind, value) in arguments.SingleLinks())
        {
            links.RemoveAll(l => l.Kind == kind);
            if (!string.Equals(value, None, StringComparison.OrdinalIgnoreCase))
            {
                links.Add(new ServiceLink(kind, value));
            }
        }

        var channel = arguments.Channel is null ? service.Channel
            : string.Equals(arguments.Channel, None, StringComparison.OrdinalIgnoreCase) ? null
            : arguments.Channel;
        var draft = new ServiceDraft(service.Name, arguments.Team ?? service.Team, channel, links);
        var (saved, error) = await writer.SaveAsync(service, draft, actor.PersonId, cancellationToken);
        return saved is null ? error! : ServiceCard.Show(saved.ToEntry(), $"Service **{saved.Name}** changed.", Severity.Success);
    }
}

internal sealed record EditServiceArguments(
    [Argument("The service.", MaxLength = ServiceRules.MaxNameLength)] string Name,
    [Option("A repository, owner/repo, to add; may be given more than once.", MaxLength = ServiceRules.MaxLinkLength)] IReadOnlyList<string> AddRepo,
    [Option("A repository to remove; may be given more than once.", MaxLength = ServiceRules.MaxLinkLength)] IReadOnlyList<string> RemoveRepo,
    [Option("The team that owns it now.", MaxLength = 64)] string? Team = null,
    [Option("Its PagerDuty service id, or none.", MaxLength = ServiceRules.MaxLinkLength)] string? Pagerduty = null,
    [Option("Its Sentry project slug, or none.", MaxLength = ServiceRules.MaxLinkLength)] string? Sentry = null,
    [Option("Its Rollbar project id, or none.", MaxLength = ServiceRules.MaxLinkLength)] string? Rollbar = null,
    [Option("The prefix of its Librato alerts' names, or none.", MaxLength = ServiceRules.MaxLinkLength)] string? Librato = null,
    [Option("The channel that gets its alerts, or none.", MaxLength = 81)] string? Channel = null)
{
    public IEnumerable<(ServiceLinkKind Kind, string Value)> SingleLinks() =>
        new[] { (ServiceLinkKind.PagerDuty, Pagerduty), (ServiceLinkKind.Sentry, Sentry), (ServiceLinkKind.Rollbar, Rollbar), (ServiceLinkKind.Librato, Librato) }
            .Where(l => l.Item2 is not null)
            .Select(l => (l.Item1, l.Item2!));
}
