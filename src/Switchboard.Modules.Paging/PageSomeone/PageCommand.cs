using Microsoft.Extensions.Logging;
using Switchboard.Core.Commands;
using Switchboard.Modules.Paging.Incidents;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.PageSomeone;

/// <summary>
/// <c>page &lt;@person|team|service&gt; &lt;message&gt; [--urgency high|low]</c>: opens a PagerDuty incident made by the
/// requester. A person gets it assigned to their proven PagerDuty user; a team or service gets it on its linked
/// PagerDuty service, whose escalation policy pages whoever is on call.
/// </summary>
internal sealed class PageCommand(PagerDutyAccounts accounts, PageTargets targets, IncidentActions incidents, ILogger<PageCommand> logger)
    : ICommandHandler<PageArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "page",
        Summary: "Page a person, a team or a service on PagerDuty with a message; the incident is made by you.",
        Permission: PagingPermissions.Page,
        // It needs a connected PagerDuty account and a PagerDuty service, which no example run alone can have.
        Examples: [])
    {
        Variants = ["page @bob db down --urgency high"],
    };

    public async Task<CommandResult> HandleAsync(PageArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await accounts.ActAsAsync(actor.PersonId, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var (target, unknown) = await targets.ResolveAsync(arguments.Target, cancellationToken);
        if (target is null)
        {
            return unknown!;
        }

        if (target.ServiceId is not { } serviceId)
        {
            return PagingErrors.NoPagerDutyService($"any team of {target.Label}, and Paging:DefaultService is not set");
        }

        var urgency = arguments.Urgency.ToString().ToLowerInvariant();
        var created = await incidents.PagerDuty.CreateIncidentAsync(
            caller,
            new NewIncident(arguments.Message, serviceId, urgency, target.UserId is { } user ? [user] : [], $"Paged from Switchboard by @{actor.Person.Handle}."),
            cancellationToken);
        if (created.Value is not { } incident)
        {
            return created.Error!;
        }

        logger.Paged(actor.PersonId, target.Label, incident.Id);
        return await incidents.CardAsync(incident, $"You paged {target.Label}: incident #{incident.IncidentNumber} on PagerDuty.", cancellationToken);
    }
}

internal enum PageUrgency
{
    High,
    Low,
}

internal sealed record PageArguments(
    [Argument("Whom to page: @person, a team or a service in the catalog.", MaxLength = 320)] string Target,
    [Argument("What is wrong; it becomes the incident's title.", TakesRest = true, MaxLength = 1024)] string Message,
    [Option("high pages at once; low waits for working hours, as the service's urgency rules say.")] PageUrgency Urgency = PageUrgency.High);
