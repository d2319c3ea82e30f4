using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Switchboard.Bench.Api;

/// <param name="Latencies">From each measured delivery's scheduled send to its message first read from the channel, in <see cref="Stopwatch"/> ticks, sorted.</param>
/// <param name="Missing">Measured deliveries accepted but whose message had not appeared when the bench stopped waiting.</param>
/// <param name="Refused">Measured deliveries not answered with a 202 (an exception counts as one).</param>
/// <param name="NotifyLag">The <c>notify</c> consumer's lag over the measured deliveries, from the server's metrics.</param>
internal sealed record EndToEndResult(long[] Latencies, int Missing, int Refused, string? FirstRefusal, double Rate, ConsumerLag NotifyLag)
{
    public double PercentileMilliseconds(double percentile) =>
        new LoadResult(Latencies, TimeSpan.Zero, 0, null, 0, TimeSpan.Zero).PercentileMilliseconds(percentile);
}

/// <summary>
/// Open loop: deliveries at a fixed rate whatever the answers, while one reader pages through the channel
/// (<c>GET /api/channels/{channel}/messages?after=&lt;last id&gt;</c>, back to back) and notes when each delivery's
/// message appears. Latency runs from when a delivery was due, so a sender that falls behind is not forgiven. The
/// warm-up runs at the same rate and is drained before the measured deliveries start: the measure is of a warm
/// server in its steady state, not of how long a cold one takes to catch up.
/// </summary>
internal sealed class EndToEnd(double rate, TimeSpan warmUp, TimeSpan duration, string channel)
{
    private const int Page = 500;
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    public async Task<EndToEndResult> RunAsync(Uri url, string token, GitHubDelivery deliveries, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        var total = (int)((warmUp + duration).TotalSeconds * rate);
        var first = deliveries.Reserve(total);
        var measuredFrom = (int)(warmUp.TotalSeconds * rate);
        var due = new long[total];
        var seen = new long[total];
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = ReadUntilAsync(client, token, first, seen, reading.Token);

        var sends = new List<Task<string?>>(total);
        await SendAtRateAsync(sends, 0, measuredFrom, due, client, deliveries, first, cancellationToken);
        var warmedUp = await Task.WhenAll(sends);
        await DrainAsync(warmedUp, seen, cancellationToken);
        var lagBefore = await ConsumerLag.ReadAsync(client, "notify", cancellationToken);
        await SendAtRateAsync(sends, measuredFrom, total, due, client, deliveries, first, cancellationToken);
        var answers = await Task.WhenAll(sends);
        await DrainAsync(answers, seen, cancellationToken);
        var notifyLag = await ConsumerLag.ReadAsync(client, "notify", cancellationToken) - lagBefore;

        await reading.CancelAsync();
        await reader;

        var measured = Enumerable.Range(measuredFrom, total - measuredFrom).ToList();
        var latencies = measured.Where(i => answers[i] is null && seen[i] != 0).Select(i => seen[i] - due[i]).Order().ToArray();
        var refusals = measured.Select(i => answers[i]).Where(answer => answer is not null).ToList();
        return new EndToEndResult(latencies, measured.Count(i => answers[i] is null && seen[i] == 0), refusals.Count, refusals.FirstOrDefault(), rate, notifyLag);
    }

    /// <summary>Sends deliveries <paramref name="from"/> to <paramref name="to"/> (exclusive) at the rate, each at its due time or as soon after as it can.</summary>
    private async Task SendAtRateAsync(
        List<Task<string?>> sends, int from, int to, long[] due, HttpClient client, GitHubDelivery deliveries, long first, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = from; i < to; i++)
        {
            due[i] = started + (long)((i - from) / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due[i]);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            sends.Add(SendAsync(client, deliveries.Request(first + i), cancellationToken));
        }
    }

    /// <summary>Waits, up to <see cref="Drain"/>, until every accepted delivery so far has been read from the channel.</summary>
    private static async Task DrainAsync(string?[] answers, long[] seen, CancellationToken cancellationToken)
    {
        var waitUntil = Stopwatch.GetTimestamp() + (long)(Drain.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < waitUntil && Enumerable.Range(0, answers.Length).Any(i => answers[i] is null && Volatile.Read(ref seen[i]) == 0))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static async Task<string?> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return response.StatusCode == HttpStatusCode.Accepted ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
        }
        catch (HttpRequestException exception)
        {
            return exception.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "no answer within the client's timeout";
        }
        finally
        {
            request.Dispose();
        }
    }

    private async Task ReadUntilAsync(HttpClient client, string token, long first, long[] seen, CancellationToken cancellationToken)
    {
        var after = await LastIdAsync(client, token, cancellationToken);
        try
        {
            while (true)
            {
                List<(long Id, string Text)> messages;
                try
                {
                    messages = await ReadAsync(client, token, after, cancellationToken);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // A server too busy to answer a read within the client's timeout delays the messages; it loses none.
                    continue;
                }

                var readAt = Stopwatch.GetTimestamp();
                foreach (var (id, text) in messages)
                {
                    after = Math.Max(after, id);
                    if (NumberIn(text) - first is var index and >= 0 && index < seen.Length && seen[index] == 0)
                    {
                        Volatile.Write(ref seen[index], readAt);
                    }
                }

                // Polling back to back took the server's two cores from the consumer it is measuring.
                if (messages.Count < Page)
                {
                    await Task.Delay(PollInterval, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Done waiting.
        }
    }

    private async Task<long> LastIdAsync(HttpClient client, string token, CancellationToken cancellationToken)
    {
        var after = 0L;
        for (var page = await ReadAsync(client, token, after, cancellationToken); page.Count > 0; page = await ReadAsync(client, token, after, cancellationToken))
        {
            after = page[^1].Id;
        }

        return after;
    }

    private async Task<List<(long Id, string Text)>> ReadAsync(HttpClient client, string token, long after, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"/api/channels/{channel}/messages?after={after}&limit={Page}"))
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        };
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchFailure($"Reading #{channel} answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.EnumerateArray().Select(message => (message.GetProperty("id").GetInt64(), message.GetProperty("text").GetString() ?? ""))];
    }

    private static long NumberIn(string text)
    {
        var at = text.IndexOf(GitHubDelivery.TitlePrefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        var digits = text.AsSpan(at + GitHubDelivery.TitlePrefix.Length);
        var length = 0;
        while (length < digits.Length && char.IsAsciiDigit(digits[length]))
        {
            length++;
        }

        return long.TryParse(digits[..length], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
    }
}
