using Switchboard.Core.Chat;

namespace Switchboard.Delivery.Outbox;

/// <summary>
/// A chat whose messages are rows in Switchboard's own database (the built-in channels). It writes
/// through the scope's context without committing; the dispatcher commits a whole batch together with
/// the outbox's own bookkeeping, so each message is delivered exactly once, also across a crash.
/// </summary>
internal interface IDatabaseChatAdapter : IChatAdapter
{
    /// <summary>Called after a batch's transaction has committed: the moment readers can see it.</summary>
    void Committed();
}
