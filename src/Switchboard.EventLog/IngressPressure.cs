using System.Diagnostics;

namespace Switchboard.EventLog;

/// <summary>
/// Tells background work that can wait (a consumer that is behind, the commands people sent from Slack) when the
/// ingress is pressed, so that it leaves it the machine for a while: a sender waits for its acknowledgement and may
/// give up (Slack after 3 seconds, for good), while work that waits only falls a little behind and catches up once the
/// burst is over. Pressed means that <see cref="PressedAt"/> senders or more wait for their appends at once: the
/// senders themselves, not how fast the background work goes, which stepping aside would change.
/// </summary>
public sealed class IngressPressure
{
    /// <summary>At 1,000 webhooks/s about 2 senders wait at a time, each for 2 ms; 50 at once keep 20 to 40 waiting.</summary>
    private const int PressedAt = 16;

    /// <summary>The longest work steps aside at a time, so that a burst that never ends still lets it go on.</summary>
    private static readonly TimeSpan LongestYield = TimeSpan.FromMilliseconds(250);

    /// <summary>How long pressing counts once fewer senders wait: their number drops with every sync and rises again.</summary>
    private static readonly TimeSpan PressLasts = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(5);

    private int _appending;
    private long _lastPressed;

    /// <summary>Returns once the ingress is no longer pressed, or after <see cref="LongestYield"/>.</summary>
    public async Task WhilePressedAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Pressed && Stopwatch.GetElapsedTime(started) < LongestYield)
        {
            await Task.Delay(Recheck, cancellationToken);
        }
    }

    private bool Pressed =>
        Volatile.Read(ref _appending) >= PressedAt
        || (Interlocked.Read(ref _lastPressed) is var last and not 0 && Stopwatch.GetElapsedTime(last) < PressLasts);

    /// <returns>To dispose once the sender has its answer.</returns>
    internal Waiting Appending()
    {
        if (Interlocked.Increment(ref _appending) >= PressedAt)
        {
            Interlocked.Exchange(ref _lastPressed, Stopwatch.GetTimestamp());
        }

        return new Waiting(this);
    }

    internal readonly struct Waiting(IngressPressure pressure) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref pressure._appending);
    }
}
