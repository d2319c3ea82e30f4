using Switchboard.Core.Commands;
using Switchboard.Core.Errors;

namespace Switchboard.Core.People;

/// <summary>
/// Finds people, whichever module asks. Implemented by the Rolodex; every other module and front end
/// resolves people only through this contract.
/// </summary>
public interface IPersonDirectory
{
    Task<PersonSummary?> FindAsync(PersonId id, CancellationToken cancellationToken);

    /// <summary>Finds a person by <c>@handle</c>, e-mail address or exact name.</summary>
    Task<PersonSummary?> FindAsync(string handleEmailOrName, CancellationToken cancellationToken);

    /// <summary>
    /// Finds whoever holds an identity on a service, with whether the link is proven: only a proven
    /// link lets Switchboard act as the person on that service.
    /// </summary>
    Task<LinkedPerson?> FindByIdentityAsync(ServiceIdentity identity, CancellationToken cancellationToken);

    /// <summary>
    /// The person's accounts on a service that the service proved or an administrator vouched for, most recently
    /// linked first: whom Switchboard may ask there (a Duo push). A claimed account is never among them; to act as the
    /// person on the service, only one the service itself proved counts (<see cref="ProvenIdentity.IsProvenByService"/>).
    /// </summary>
    Task<IReadOnlyList<ProvenIdentity>> ProvenIdentitiesAsync(PersonId person, string service, CancellationToken cancellationToken);

    /// <summary>Finds a team by name, ignoring case, with its members and their roles.</summary>
    Task<TeamSummary?> FindTeamAsync(string name, CancellationToken cancellationToken);

    /// <summary>The teams the person is in and their role in each, by team name.</summary>
    Task<IReadOnlyList<PersonTeam>> TeamsOfAsync(PersonId person, CancellationToken cancellationToken);
}

/// <param name="Role"><c>member</c>, <c>lead</c> or <c>admin</c>.</param>
public sealed record PersonTeam(string Team, string Role);

/// <param name="Name">Lower case and unique.</param>
public sealed record TeamSummary(string Name, IReadOnlyList<TeamMember> Members);

/// <param name="Role"><c>member</c>, <c>lead</c> or <c>admin</c>.</param>
public sealed record TeamMember(PersonSummary Person, string Role);

/// <param name="Handle">Unique and lower case, written <c>@handle</c> in commands.</param>
public sealed record PersonSummary(PersonId Id, string Handle, string DisplayName, string Email, string TimeZone, bool IsAdmin)
{
    /// <summary>Offboarded (<c>person disable</c>): they can neither sign in nor run commands, and their history stays.</summary>
    public bool IsDisabled { get; init; }
}

/// <param name="Service">Lower case: <c>slack</c>, <c>github</c>, <c>pagerduty</c>, <c>heroku</c>, <c>email</c>, <c>phone</c>.</param>
/// <param name="Workspace">The workspace or tenant the id lives in (a Slack team id); empty where the service has none.</param>
/// <param name="ExternalId">The id on that service.</param>
public sealed record ServiceIdentity(string Service, string Workspace, string ExternalId);

public sealed record LinkedPerson(PersonSummary Person, bool IsProven);

/// <param name="AlternateId">The service's other name for the account, recorded when the service proved it (PagerDuty's e-mail address, GitHub's numeric id); null otherwise.</param>
/// <param name="IsProvenByService">The service proved it (an OAuth grant, a signed request); otherwise an administrator vouched for it.</param>
public sealed record ProvenIdentity(ServiceIdentity Identity, string? AlternateId, bool IsProvenByService);

/// <summary>Checks personal API tokens. Implemented by the Rolodex, which issues them.</summary>
public interface IApiTokenAuthenticator
{
    Task<TokenAuthentication> AuthenticateAsync(string token, CancellationToken cancellationToken);
}

/// <summary>Either the person and access a token grants, or why it grants nothing.</summary>
public sealed record TokenAuthentication(PersonSummary? Person, ActorAccess Access, DateTimeOffset? ExpiresAt, Error? Error)
{
    public static TokenAuthentication Granted(PersonSummary person, ActorAccess access, DateTimeOffset? expiresAt) => new(person, access, expiresAt, null);

    public static TokenAuthentication Refused(Error error) => new(null, ActorAccess.ReadOnly, null, error);
}

/// <summary>
/// Issues a personal API token to a person whom a front end has already authenticated (the console
/// hands one to <c>sb login</c>). Implemented by the Rolodex, which stores only its hash.
/// </summary>
public interface IApiTokenIssuer
{
    /// <returns>The token, shown this once.</returns>
    Task<string> IssueAsync(PersonId person, string name, ActorAccess access, CancellationToken cancellationToken);
}

/// <summary>Creates the first administrator of an empty installation. Implemented by the Rolodex.</summary>
public interface IFirstAdminBootstrap
{
    /// <summary>Refuses with a conflict when an administrator already exists.</summary>
    Task<FirstAdmin> CreateFirstAdminAsync(string email, string? name, CancellationToken cancellationToken);
}

/// <param name="Token">The personal API token, shown this once and stored only as a hash.</param>
public sealed record FirstAdmin(PersonSummary? Person, string? Token, Error? Error);
