using System.Diagnostics;

namespace Switchboard.Testing;

/// <summary>Waits in real time for what background work makes true.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The condition did not hold within 20 s.");
            await Task.Delay(50, cancellationToken);
        }
    }
}
