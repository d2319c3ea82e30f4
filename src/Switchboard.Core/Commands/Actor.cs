using Switchboard.Core.People;

namespace Switchboard.Core.Commands;

/// <summary>
/// Who runs a command: the real person, the front end they used and how strongly that front end
/// authenticated them. Every command runs as an actor, never as a bot.
/// </summary>
/// <param name="CredentialExpiresAt">When the credential the person used stops working, if it does: nothing it creates may outlive it.</param>
public sealed record Actor(PersonSummary Person, FrontEnd FrontEnd, AssuranceLevel Assurance, ActorAccess Access, DateTimeOffset? CredentialExpiresAt = null)
{
    public PersonId PersonId => Person.Id;

    public bool IsAdmin => Person.IsAdmin;
}

/// <summary>How strongly the person is authenticated right now.</summary>
public enum AssuranceLevel
{
    /// <summary>The front end authenticated the person (a signed Slack request, a session, an API token).</summary>
    Identified,

    /// <summary>The person also passed a second factor just now.</summary>
    Verified,
}

/// <summary>The ways people reach Switchboard.</summary>
public enum FrontEnd
{
    Api,
    Web,
    Cli,
    Slack,
    Email,
    Sms,
    System,
}

/// <summary>What a credential lets its holder do: a read-only token runs only read-only commands.</summary>
public enum ActorAccess
{
    ReadOnly,
    ReadWrite,
}
