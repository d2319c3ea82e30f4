using Switchboard.Core.Errors;

namespace Switchboard.Core.People;

/// <summary>
/// One-time sign-in links and the web console sessions they start. Implemented by the Rolodex, which
/// stores only hashes of both.
/// </summary>
public interface IWebSessions
{
    /// <summary>A new link code for the person, usable once before it expires.</summary>
    Task<SignInLink> IssueLinkAsync(PersonId person, PersonId issuedBy, CancellationToken cancellationToken);

    /// <summary>Whom a link would sign in, without using it up: link previews in chat must not spend it.</summary>
    Task<(PersonSummary? Person, Error? Error)> PeekLinkAsync(string code, CancellationToken cancellationToken);

    /// <summary>Spends the link and starts a session.</summary>
    Task<SessionStart> RedeemLinkAsync(string code, SessionClient client, CancellationToken cancellationToken);

    Task<SessionCheck> AuthenticateAsync(string secret, CancellationToken cancellationToken);

    /// <summary>Signs a session out; unknown or ended sessions are left as they are.</summary>
    Task EndAsync(string secret, CancellationToken cancellationToken);
}

public sealed record SignInLink(string Code, DateTimeOffset ExpiresAt);

/// <summary>What the browser said about itself, so that <c>sessions</c> can tell sessions apart.</summary>
public sealed record SessionClient(string? UserAgent, string? Address);

/// <param name="Secret">The session's cookie value, never stored.</param>
public sealed record SessionStart(PersonSummary? Person, string? Secret, DateTimeOffset ExpiresAt, Error? Error);

public sealed record SessionCheck(PersonSummary? Person, Guid SessionId, DateTimeOffset ExpiresAt, Error? Error);
