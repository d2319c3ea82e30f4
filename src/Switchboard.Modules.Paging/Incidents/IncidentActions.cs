using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Paging.PagerDuty;

namespace Switchboard.Modules.Paging.Incidents;

/// <summary>
/// What every command on one incident does around its own PagerDuty call: check the id, act as the person (or refuse
/// before anything is sent), make the call, and answer with the incident as it now is.
/// </summary>
internal sealed partial class IncidentActions(PagerDutyAccounts accounts, PagerDutyClient pagerDuty, ILogger<IncidentActions> logger)
{
    public PagerDutyClient PagerDuty => pagerDuty;

    /// <param name="act">The PagerDuty call, as the person; answers the incident after the change.</param>
    /// <param name="headline">What the reply says happened, given the incident afterwards.</param>
    public async Task<CommandResult> RunAsync(
        string id,
        Actor actor,
        string action,
        Func<PagerDutyCaller, string, Task<PagerDutyAnswer<PagerDutyIncident>>> act,
        Func<PagerDutyIncident, string?> headline,
        CancellationToken cancellationToken)
    {
        if (!IsIncidentId(id))
        {
            return PagingErrors.InvalidIncidentId(id);
        }

        var (caller, refusal) = await accounts.ActAsAsync(actor.PersonId, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var answer = await act(caller, id.ToUpperInvariant());
        if (answer.Value is not { } incident)
        {
            return answer.Error!;
        }

        logger.ActedOnIncident(actor.PersonId, action, incident.Id);
        return await CardAsync(incident, headline(incident), cancellationToken);
    }

    /// <summary>The incident's card under a line saying what happened, naming linked people by handle.</summary>
    public async Task<Reply> CardAsync(PagerDutyIncident incident, string? headline, CancellationToken cancellationToken)
    {
        var card = IncidentCard.For(incident, await accounts.NamesOfAsync(incident.Assignees, cancellationToken));
        return headline is null ? card : card with { Blocks = [new TextBlock(headline), .. card.Blocks] };
    }

    public static bool IsIncidentId(string id) => IncidentId().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")]
    private static partial Regex IncidentId();
}
