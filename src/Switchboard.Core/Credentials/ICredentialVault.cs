using System.Text;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Core.Credentials;

/// <summary>
/// People's own credentials for outside services (GitHub, Heroku, PagerDuty, ...), encrypted at rest
/// under a key that is not in the database. Implemented by the Rolodex. A module that acts as a person
/// on a service reads the person's credential here, and an OAuth flow stores the grant here.
/// </summary>
public interface ICredentialVault
{
    /// <summary>The person's credential for the service, decrypted; or why there is none to use.</summary>
    /// <param name="service">Lower case, as people name it in <c>vault set</c>: <c>github</c>, <c>heroku</c>, <c>pagerduty</c>.</param>
    Task<CredentialLookup> FindAsync(PersonId person, string service, CancellationToken cancellationToken);

    /// <summary>Stores the credential, replacing any the person had for the service.</summary>
    Task<Error?> StoreAsync(PersonId person, string service, ServiceCredential credential, CancellationToken cancellationToken);

    /// <summary>Forgets the person's credential for the service; false when there was none.</summary>
    Task<bool> RemoveAsync(PersonId person, string service, CancellationToken cancellationToken);
}

/// <summary>A credential as the service issued it. Its text form shows neither the token nor the refresh token.</summary>
/// <param name="Value">The token sent to the service.</param>
/// <param name="RefreshToken">What renews <paramref name="Value"/> when it expires, from an OAuth grant.</param>
/// <param name="ExpiresAt">When <paramref name="Value"/> stops working, if the service said.</param>
/// <param name="Scopes">What the service lets the token do, as the service names it (<c>repo</c>, <c>read:org</c>).</param>
public sealed record ServiceCredential(string Value, string? RefreshToken, DateTimeOffset? ExpiresAt, IReadOnlyList<string> Scopes)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Value = ***, RefreshToken = ").Append(RefreshToken is null ? "none" : "***")
            .Append(", ExpiresAt = ").Append(ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "never")
            .Append(", Scopes = ").Append(string.Join(' ', Scopes));
        return true;
    }
}

/// <summary>The credential, or the error to show the person: none stored, or one that cannot be read.</summary>
public sealed record CredentialLookup(ServiceCredential? Credential, Error? Error);
