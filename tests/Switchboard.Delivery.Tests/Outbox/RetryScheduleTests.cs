using Switchboard.Delivery.Outbox;

namespace Switchboard.Delivery.Tests.Outbox;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Enqueued = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly OutboxOptions Options = new()
    {
        MaxAttempts = 10,
        MaxAge = TimeSpan.FromHours(1),
        FirstRetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(9, 30)]
    public void TheCeilingDoublesWithEachAttemptUpToTheMaximum(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.Ceiling(attempts, Options));

    [Fact]
    public void FullJitterDrawsTheDelayBelowTheCeiling()
    {
        var now = Enqueued.AddMinutes(1);

        var soonest = RetrySchedule.NextAttempt(3, Enqueued, now, retryAfter: null, Options, jitter: 0);
        var halfway = RetrySchedule.NextAttempt(3, Enqueued, now, retryAfter: null, Options, jitter: 0.5);

        Assert.Equal(now, soonest);
        Assert.Equal(now.AddSeconds(2), halfway);
    }

    [Fact]
    public void ARetryAfterIsWaitedOutExactlyWhateverTheBackoffWouldBe()
    {
        var now = Enqueued.AddMinutes(1);

        var next = RetrySchedule.NextAttempt(1, Enqueued, now, TimeSpan.FromSeconds(7), Options, jitter: 0.999);

        Assert.Equal(now.AddSeconds(7), next);
    }

    [Fact]
    public void TheLastAttemptOfTheBudgetDeadLetters() =>
        Assert.Null(RetrySchedule.NextAttempt(Options.MaxAttempts, Enqueued, Enqueued.AddMinutes(1), null, Options, jitter: 0.5));

    [Fact]
    public void AFailureOlderThanTheMaximumAgeDeadLettersWhateverTheAttempts() =>
        Assert.Null(RetrySchedule.NextAttempt(2, Enqueued, Enqueued + Options.MaxAge, TimeSpan.FromSeconds(1), Options, jitter: 0.5));
}
