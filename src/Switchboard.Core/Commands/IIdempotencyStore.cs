using Switchboard.Core.People;

namespace Switchboard.Core.Commands;

/// <summary>
/// Remembers what a request with an idempotency key produced, so the same key runs the command once and
/// every repeat gets the first reply. Implemented by <c>Switchboard.Data</c> over a unique key.
/// </summary>
public interface IIdempotencyStore
{
    /// <param name="fingerprint">The canonical command line: a key reused for another command is refused.</param>
    Task<IdempotentStart> BeginAsync(PersonId person, string key, string fingerprint, CancellationToken cancellationToken);

    Task CompleteAsync(PersonId person, string key, CommandResult result, CancellationToken cancellationToken);

    /// <summary>Forgets a key whose command crashed, so that a retry can run it.</summary>
    Task AbandonAsync(PersonId person, string key, CancellationToken cancellationToken);
}

public enum IdempotentStartKind
{
    New,
    Completed,
    InProgress,
    ReusedForAnotherCommand,
}

public sealed record IdempotentStart(IdempotentStartKind Kind, CommandResult? EarlierResult = null);
