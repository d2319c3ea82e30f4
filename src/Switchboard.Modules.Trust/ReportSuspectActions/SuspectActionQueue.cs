using System.Threading.Channels;
using Switchboard.Core.Security;

namespace Switchboard.Modules.Trust.ReportSuspectActions;

/// <summary>Reports waiting, in memory, for <see cref="PostSuspectActions"/> to post them.</summary>
internal sealed class SuspectActionQueue
{
    // A flood of refusals must not grow without bound; past this many waiting, reports are dropped and logged.
    private const int Capacity = 1_000;

    private readonly Channel<SuspectAction> _waiting = Channel.CreateBounded<SuspectAction>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelReader<SuspectAction> Waiting => _waiting.Reader;

    /// <returns>Whether it was queued; false when the queue is full.</returns>
    public bool TryAdd(SuspectAction action) => _waiting.Writer.TryWrite(action);
}
