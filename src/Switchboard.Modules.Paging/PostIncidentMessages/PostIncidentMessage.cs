using Microsoft.Extensions.Logging;
using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;
using Switchboard.EventLog;
using Switchboard.Modules.Paging.Incidents;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.PostIncidentMessages;

/// <summary>
/// The <c>paging</c> consumer: each PagerDuty incident event (v3 webhook) becomes the incident's one message in the channel
/// of the service that owns its PagerDuty service, and in the inbox of each assignee whose PagerDuty account is proven,
/// with urgency, service, assignee, buttons and what changed around the service; each later event replaces it. Buttons and commands change the incident on PagerDuty, whose webhook then comes
/// here, so the message follows every change the same way, whoever made it and wherever. Its posts commit with the
/// consumer's progress, so a redelivered event posts nothing twice.
/// </summary>
internal sealed class PostIncidentMessage(
    IServiceCatalog catalog,
    IncidentContext context,
    IncidentMessages messages,
    PagerDutyAccounts accounts,
    ILogger<PostIncidentMessage> logger) : IEventHandler
{
    public const string ConsumerName = "paging";
    public const string Source = "pagerduty";

    public async Task HandleAsync(LoggedEvent logged, CancellationToken cancellationToken)
    {
        if (logged.Source != Source || IncidentEvent.Read(logged.Body) is not { } @event)
        {
            return;
        }

        var incident = @event.Incident;
        if (await catalog.FindByLinkAsync(ServiceLinkKind.PagerDuty, incident.Service.Id, cancellationToken) is not { Channel: { } channel } service)
        {
            return;
        }

        var card = IncidentCard.For(
            incident,
            await accounts.NamesOfAsync(incident.Assignees, cancellationToken),
            await context.ForAsync(service.Name, @event.OccurredAt, cancellationToken));
        var by = @event.Agent is { } agent ? await accounts.NamesOfAsync([agent], cancellationToken) : [];
        var message = by.Count == 0 ? card : card with { Blocks = [.. card.Blocks, new TextBlock($"_{Happened(@event.Type)} by {by[0]}._")] };
        if (await messages.PostAsync(channel, incident.Id, message, cancellationToken) is { } error)
        {
            logger.IncidentChannelMissing(incident.Id, channel, error.Code);
        }

        foreach (var assignee in incident.Assignees)
        {
            if (await accounts.PersonOfAsync(assignee.Id, cancellationToken) is { } person)
            {
                await messages.PostToInboxAsync(person.Id, incident.Id, message, cancellationToken);
            }
        }
    }

    private static string Happened(string type) => type switch
    {
        "incident.triggered" => "Triggered",
        "incident.acknowledged" => "Acknowledged",
        "incident.resolved" => "Resolved",
        "incident.escalated" => "Escalated",
        "incident.reassigned" => "Reassigned",
        _ => "Changed",
    };
}
