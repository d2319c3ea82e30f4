using System.Diagnostics;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Wakes this process's consumers the moment events are appended here; they also poll, for other processes' appends.
/// And lets a consumer that is behind leave the machine to the ingress while events come in faster than it handles
/// them: a sender waits for its acknowledgement, a consumer that cannot keep up falls behind either way, and catches
/// up once the burst is over. A consumer that can keep up never steps aside, so at any rate it could take it does not
/// fall behind for good: the comparison is with its own rate while it works, which stepping aside does not change.
/// </summary>
public sealed class EventLogActivity
{
    /// <summary>The longest a consumer steps aside at a time, so that a burst that never ends still lets it work.</summary>
    private static readonly TimeSpan LongestYield = TimeSpan.FromMilliseconds(250);

    /// <summary>What the append rate is measured over: many commits, yet short enough to see a burst end within a yield.</summary>
    private static readonly TimeSpan RateWindow = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(5);

    private readonly Lock _lock = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _windowStarted = Stopwatch.GetTimestamp();
    private int _appendedInWindow;
    private double _lastWindowRate;

    public Task NextAppendAsync() => Volatile.Read(ref _next).Task;

    /// <summary>Returns once events are appended no faster than the consumer handles them, or after <see cref="LongestYield"/>.</summary>
    /// <param name="handlingRate">The consumer's <see cref="HandlingRate.EventsPerSecond"/>.</param>
    public async Task WhileOutpacedAsync(double handlingRate, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (AppendRate() > handlingRate && Stopwatch.GetElapsedTime(started) < LongestYield)
        {
            await Task.Delay(Recheck, cancellationToken);
        }
    }

    /// <param name="batchSize">How many events the batch just committed held.</param>
    internal void Appended(int batchSize)
    {
        lock (_lock)
        {
            var elapsed = Stopwatch.GetElapsedTime(_windowStarted);
            if (elapsed >= RateWindow)
            {
                _lastWindowRate = _appendedInWindow / elapsed.TotalSeconds;
                _windowStarted = Stopwatch.GetTimestamp();
                _appendedInWindow = 0;
            }

            _appendedInWindow += batchSize;
        }

        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Events per second over the last whole window; a window with no append since it ended counts as it stands.</summary>
    private double AppendRate()
    {
        lock (_lock)
        {
            var elapsed = Stopwatch.GetElapsedTime(_windowStarted);
            return elapsed >= RateWindow ? _appendedInWindow / elapsed.TotalSeconds : _lastWindowRate;
        }
    }
}

/// <summary>How many events a consumer handles per second while it works, over its recent pages, newer ones counting more.</summary>
internal sealed class HandlingRate
{
    private const double Decay = 0.8;
    private double _events;
    private double _seconds;

    /// <summary>Infinite until the consumer has handled an event: one that has not yet worked never steps aside.</summary>
    public double EventsPerSecond => _seconds > 0 ? _events / _seconds : double.PositiveInfinity;

    public void Handled(int events, TimeSpan took)
    {
        if (events == 0)
        {
            return;
        }

        _events = (_events * Decay) + events;
        _seconds = (_seconds * Decay) + took.TotalSeconds;
    }
}
