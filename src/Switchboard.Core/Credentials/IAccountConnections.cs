using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Core.Credentials;

/// <summary>
/// Connecting a person's account on a service by OAuth's authorization-code flow, for the web console that
/// sends the browser there and receives it back. Implemented by the Rolodex, which proves the link and keeps
/// the grant's tokens in the vault. Each flow is bound to the console session that started it and completes once.
/// </summary>
public interface IAccountConnections
{
    /// <summary>Where to send the browser to authorize Switchboard, or why the service cannot be connected.</summary>
    Task<ConnectionStart> StartAsync(PersonId person, Guid sessionId, string service, CancellationToken cancellationToken);

    /// <summary>Completes the flow the service sent the browser back from: the reply to show, or the error.</summary>
    Task<CommandResult> CompleteAsync(PersonId person, Guid sessionId, string service, AuthorizationResponse response, CancellationToken cancellationToken);
}

public sealed record ConnectionStart(Uri? AuthorizeUrl, Error? Error);

/// <summary>The query the service sent the browser back with: a code, or an error, and the state either way.</summary>
public sealed record AuthorizationResponse(string? Code, string? State, string? Error);
