namespace Switchboard.Delivery.Channels;

/// <summary>
/// Wakes this process's live channel readers the moment a message is posted here. Readers also poll,
/// for messages that other processes post.
/// </summary>
public sealed class ChannelActivity
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next post.</summary>
    public Task NextPostAsync() => Volatile.Read(ref _next).Task;

    internal void Posted() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
