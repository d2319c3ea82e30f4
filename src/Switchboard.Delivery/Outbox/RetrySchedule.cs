namespace Switchboard.Delivery.Outbox;

/// <summary>When a delivery that failed is tried again: exponential backoff with full jitter, never before the chat's <c>Retry-After</c>.</summary>
internal static class RetrySchedule
{
    /// <param name="attempts">The attempts made so far, the failed one included.</param>
    /// <param name="retryAfter">What the chat asked for; it replaces the backoff, so the next attempt is neither sooner nor needlessly later.</param>
    /// <param name="jitter">A draw from [0, 1): full jitter spreads each retry uniformly below the exponential ceiling.</param>
    /// <returns>When to try again, or null when either budget is spent and the delivery is dead-lettered.</returns>
    public static DateTimeOffset? NextAttempt(
        int attempts, DateTimeOffset enqueuedAt, DateTimeOffset now, TimeSpan? retryAfter, OutboxOptions options, double jitter)
    {
        if (attempts >= options.MaxAttempts || now - enqueuedAt >= options.MaxAge)
        {
            return null;
        }

        if (retryAfter is { } wait)
        {
            return now + (wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }

        return now + Ceiling(attempts, options) * jitter;
    }

    /// <summary>The first retry's delay ceiling, doubled for each later attempt, capped.</summary>
    public static TimeSpan Ceiling(int attempts, OutboxOptions options)
    {
        var doubled = options.FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 62));
        return doubled >= options.MaxRetryDelay.Ticks ? options.MaxRetryDelay : TimeSpan.FromTicks((long)doubled);
    }
}
