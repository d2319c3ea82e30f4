namespace Switchboard.EventLog.Embedded;

/// <summary>Wakes this process's consumers the moment events are appended here; they also poll, for other processes' appends.</summary>
public sealed class EventLogActivity
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextAppendAsync() => Volatile.Read(ref _next).Task;

    internal void Appended() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
