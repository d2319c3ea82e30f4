using Switchboard.Core.Errors;

namespace Switchboard.Core.People;

/// <summary>
/// One-time codes that prove a person holds an account on a service: the person asks for a code where
/// they are signed in (<c>rolodex link slack</c>), and sends it back from the service in a request the
/// service signed for that account. Implemented by the Rolodex, which stores only the codes' hashes.
/// </summary>
public interface IIdentityLinkCodes
{
    /// <summary>
    /// Uses the code up, and links the identity to the person it was issued to as proven by the service.
    /// A code works once, for its service only, and only until it expires.
    /// </summary>
    Task<IdentityLinkProof> RedeemAsync(string code, ServiceIdentity identity, CancellationToken cancellationToken);
}

/// <summary>Either the person the identity now belongs to, or why the code proved nothing.</summary>
public sealed record IdentityLinkProof(PersonSummary? Person, Error? Error);
