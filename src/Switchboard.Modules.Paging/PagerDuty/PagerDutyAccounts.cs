using Microsoft.Extensions.Options;
using Switchboard.Core.Credentials;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Modules.Paging.PagerDuty;

/// <summary>
/// How Switchboard acts as a person on PagerDuty, and whom a person is there. Only an account PagerDuty proved (the
/// OAuth link the Rolodex records) counts: a claim never lets Switchboard act in someone's name. With it, the person's
/// own token; when that cannot be used, the account key with the proven login e-mail in <c>From</c>.
/// </summary>
internal sealed class PagerDutyAccounts(IPersonDirectory directory, IServiceCredentials credentials, IOptions<PagingOptions> options)
{
    public const string Service = "pagerduty";

    public async Task<(PagerDutyCaller? Caller, Error? Error)> ActAsAsync(PersonId person, CancellationToken cancellationToken)
    {
        if (await ProvenAccountAsync(person, cancellationToken) is not { } account)
        {
            return (null, PagingErrors.NoProvenAccount());
        }

        var lookup = await credentials.GetAsync(person, Service, cancellationToken);
        if (lookup.Credential is { } credential)
        {
            return (new PagerDutyCaller("Bearer " + credential.Value, null, account.Identity.ExternalId), null);
        }

        return options.Value.ApiKey is { Length: > 0 } key && account.AlternateId is { Length: > 0 } email
            ? (new PagerDutyCaller($"Token token={key}", email, account.Identity.ExternalId), null)
            : (null, lookup.Error ?? PagingErrors.NotConfigured());
    }

    /// <summary>The person's PagerDuty user id, when PagerDuty proved the account theirs.</summary>
    public async Task<string?> UserIdOfAsync(PersonId person, CancellationToken cancellationToken) =>
        (await ProvenAccountAsync(person, cancellationToken))?.Identity.ExternalId;

    private async Task<ProvenIdentity?> ProvenAccountAsync(PersonId person, CancellationToken cancellationToken) =>
        (await directory.ProvenIdentitiesAsync(person, Service, cancellationToken)).FirstOrDefault(i => i.IsProvenByService);

    /// <summary>The person a PagerDuty user is, when the link is proven; else null.</summary>
    public async Task<PersonSummary?> PersonOfAsync(string userId, CancellationToken cancellationToken) =>
        await directory.FindByIdentityAsync(new ServiceIdentity(Service, "", userId), cancellationToken) is { IsProven: true } linked ? linked.Person : null;

    /// <summary>Each PagerDuty user as people here know them: <c>@handle</c> when the account is proven theirs, else PagerDuty's name.</summary>
    public async Task<IReadOnlyList<string>> NamesOfAsync(IEnumerable<PagerDutyReference> users, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var user in users)
        {
            names.Add(await PersonOfAsync(user.Id, cancellationToken) is { } person ? "@" + person.Handle : user.Summary ?? user.Id);
        }

        return names;
    }
}
