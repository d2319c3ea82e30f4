using System.Diagnostics;
using System.Net;

namespace Switchboard.Bench.Api;

/// <param name="Latencies">Of every request sent in the measured window, in <see cref="Stopwatch"/> ticks, sorted.</param>
/// <param name="Failures">Requests in the measured window that did not end in the expected status (an exception counts as one).</param>
/// <param name="Sent">Requests sent from the start of the warm-up to the last answer, and <paramref name="Elapsed"/> the time that took.</param>
internal sealed record LoadResult(long[] Latencies, TimeSpan Duration, int Failures, string? FirstFailure, int Sent, TimeSpan Elapsed)
{
    public double RequestsPerSecond => Latencies.Length / Duration.TotalSeconds;

    public double PercentileMilliseconds(double percentile) =>
        Latencies.Length == 0
            ? double.NaN
            : Latencies[Math.Clamp((int)Math.Ceiling(percentile / 100 * Latencies.Length) - 1, 0, Latencies.Length - 1)] * 1000.0 / Stopwatch.Frequency;
}

/// <summary>Closed loop: each client sends its next request when the previous one has answered.</summary>
internal sealed class LoadGenerator(int clients, TimeSpan warmUp, TimeSpan duration)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <param name="request">Makes each request anew, so that it may differ from the one before.</param>
    public async Task<LoadResult> RunAsync(Uri url, Func<HttpRequestMessage> request, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = url, Timeout = RequestTimeout };
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + Ticks(warmUp);
        var measureUntil = measureFrom + Ticks(duration);
        var workers = Enumerable.Range(0, clients)
            .Select(_ => Task.Run(() => SendUntilAsync(client, request, expected, measureFrom, measureUntil, cancellationToken), cancellationToken));
        var results = await Task.WhenAll(workers);

        var latencies = results.SelectMany(result => result.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            latencies,
            duration,
            results.Sum(result => result.Failures),
            results.Select(result => result.FirstFailure).FirstOrDefault(failure => failure is not null),
            results.Sum(result => result.Sent),
            Stopwatch.GetElapsedTime(started));
    }

    private static async Task<(List<long> Latencies, int Failures, string? FirstFailure, int Sent)> SendUntilAsync(
        HttpClient client, Func<HttpRequestMessage> request, HttpStatusCode expected, long measureFrom, long measureUntil, CancellationToken cancellationToken)
    {
        var latencies = new List<long>();
        var failures = 0;
        var sent = 0;
        string? firstFailure = null;
        for (var sentAt = Stopwatch.GetTimestamp(); sentAt < measureUntil; sentAt = Stopwatch.GetTimestamp())
        {
            string? failure;
            try
            {
                using var response = await client.SendAsync(request(), cancellationToken);
                failure = response.StatusCode == expected ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException exception)
            {
                failure = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {RequestTimeout.TotalSeconds} s";
            }

            var answeredAt = Stopwatch.GetTimestamp();
            sent++;
            if (sentAt < measureFrom)
            {
                continue;
            }

            latencies.Add(answeredAt - sentAt);
            if (failure is not null)
            {
                failures++;
                firstFailure ??= failure;
            }
        }

        return (latencies, failures, firstFailure, sent);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
