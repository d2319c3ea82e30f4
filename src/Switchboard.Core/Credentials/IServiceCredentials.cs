using Switchboard.Core.People;

namespace Switchboard.Core.Credentials;

/// <summary>
/// A person's current token for a service they connected by OAuth, for a module that acts as them there.
/// Implemented by the Rolodex: it answers only for a link the service proved, renews the token with its
/// refresh token when it is close to expiry, and keeps the renewed token in the vault.
/// </summary>
public interface IServiceCredentials
{
    /// <summary>
    /// The token to send now; or an error to show the person: the service is not connected (<c>rolodex.not-connected</c>),
    /// the service refused to renew it (<c>rolodex.reconnect-needed</c>), or the service could not be reached.
    /// </summary>
    /// <param name="service">Lower case: <c>github</c>, <c>heroku</c>, <c>pagerduty</c>.</param>
    Task<CredentialLookup> GetAsync(PersonId person, string service, CancellationToken cancellationToken);
}
