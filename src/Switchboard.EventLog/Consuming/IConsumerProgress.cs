using Switchboard.Data;

namespace Switchboard.EventLog.Consuming;

/// <summary>
/// What a consumer records beside an event's effects, in the same transaction, so that the effects of
/// one event are kept at most once: a checkpoint where the log is read in one order, a mark per event
/// where the engine may deliver an event again.
/// </summary>
internal interface IConsumerProgress
{
    /// <summary>
    /// Whether marking an event done marks every earlier one too (a checkpoint): a transaction that marked an
    /// event owns the consumer's progress until it ends, so the events after it need only one mark, at the end.
    /// </summary>
    bool MarksEarlierEvents { get; }

    /// <returns>False when the consumer had already handled (or dead-lettered) the event: it is skipped and nothing is written.</returns>
    Task<bool> TryMarkDoneAsync(SwitchboardDbContext db, string consumer, LoggedEvent logged, CancellationToken cancellationToken);
}
