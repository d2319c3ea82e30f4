namespace Switchboard.EventLog.Tests;

/// <summary>When a consumer that is behind leaves the machine to the ingress: only while many senders wait for their appends.</summary>
public sealed class IngressPressureTests
{
    [Fact]
    public void AConsumerDoesNotStepAsideForAFewSendersAtATime()
    {
        var pressure = new IngressPressure();
        var waiting = Enumerable.Range(0, 15).Select(_ => pressure.Appending()).ToList();

        var yielded = pressure.WhilePressedAsync(TestContext.Current.CancellationToken);

        Assert.True(yielded.IsCompletedSuccessfully);
        waiting.ForEach(w => w.Dispose());
    }

    [Fact]
    public async Task AConsumerStepsAsideWhileSixteenSendersWaitAndGoesOnOnceTheyHaveTheirAnswers()
    {
        var pressure = new IngressPressure();
        var waiting = Enumerable.Range(0, 16).Select(_ => pressure.Appending()).ToList();

        var yielded = pressure.WhilePressedAsync(TestContext.Current.CancellationToken);
        Assert.False(yielded.IsCompleted);

        waiting.ForEach(w => w.Dispose());
        await yielded.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        // Pressing outlasts the senders by 20 ms, for their number drops with every sync and rises again.
        await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        Assert.True(pressure.WhilePressedAsync(TestContext.Current.CancellationToken).IsCompletedSuccessfully);
    }
}
