using System.Net.ServerSentEvents;
using Spectre.Console;
using Switchboard.Cli.Api;
using Switchboard.Cli.Rendering;

namespace Switchboard.Cli.FollowDeployment;

/// <summary>
/// Follows a deployment that a command just started, through <c>GET /api/deploys/{id}/events</c>, until its <c>end</c>
/// event, and exits with its outcome. When the stream breaks before the end (the server restarted), it reconnects with
/// <c>Last-Event-ID</c>, so that no line is shown twice or lost, and gives up after a few tries, saying how to look later.
/// </summary>
internal static class FollowDeploymentAction
{
    private const int Reconnects = 8;

    public static FollowDisplay DisplayFor(OutputMode mode, bool noProgress) => mode switch
    {
        OutputMode.Json => FollowDisplay.Quiet,
        OutputMode.Rich when !noProgress && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) => FollowDisplay.Live,
        _ => FollowDisplay.Lines,
    };

    public static async Task<int> RunAsync(SwitchboardClient client, long id, FollowDisplay display, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = display switch
        {
            FollowDisplay.Live => await LiveAsync(client, id, clock, cancellationToken),
            FollowDisplay.Lines => await StreamAsync(client, id, WriteLine, clock, cancellationToken),
            _ => await StreamAsync(client, id, _ => { }, clock, cancellationToken),
        };

        if (outcome.End is not { } end)
        {
            await Console.Error.WriteLineAsync(outcome.Problem);
            return outcome.ExitCode;
        }

        if (display == FollowDisplay.Quiet)
        {
            Console.WriteLine(end.Json);
        }
        else if (end.Succeeded)
        {
            Console.WriteLine(end.Summary);
        }

        if (end.Succeeded)
        {
            return ExitCodes.Ok;
        }

        await Console.Error.WriteLineAsync(end.Summary + (end.Code is { Length: > 0 } code ? $" ({code})" : ""));
        return ExitCodes.DeploymentFailed;
    }

    private static async Task<StreamOutcome> LiveAsync(SwitchboardClient client, long id, TimeProvider clock, CancellationToken cancellationToken)
    {
        var progress = new LiveProgress(id);
        return await AnsiConsole.Live(progress.Render()).StartAsync(context => StreamAsync(
            client,
            id,
            item =>
            {
                progress.Add(item);
                context.UpdateTarget(progress.Render());
                context.Refresh();
            },
            clock,
            cancellationToken));
    }

    private static async Task<StreamOutcome> StreamAsync(
        SwitchboardClient client, long id, Action<SseItem<string>> show, TimeProvider clock, CancellationToken cancellationToken)
    {
        string? lastEventId = null;
        var failures = 0;
        while (true)
        {
            string lost;
            try
            {
                using var response = await client.OpenDeploymentEventsAsync(id, lastEventId, cancellationToken);
                var status = (int)response.StatusCode;
                if (status is >= 400 and < 500)
                {
                    var refused = new ApiResponse(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response.ReasonPhrase);
                    return new StreamOutcome(null, refused.Problem().ToString(), refused.ExitCode);
                }

                if (status >= 500)
                {
                    lost = $"the server answered {status}";
                }
                else
                {
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
                    {
                        failures = 0;
                        if (item.EventType == "end")
                        {
                            return new StreamOutcome(DeploymentEnd.Parse(item.Data), "", ExitCodes.Ok);
                        }

                        lastEventId = item.EventId ?? lastEventId;
                        show(item);
                    }

                    lost = "the stream ended before the deployment did";
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                lost = exception.Message;
            }

            if (++failures > Reconnects)
            {
                return new StreamOutcome(
                    null,
                    $"Lost deployment #{id}'s progress ({lost}); it may still be running: see 'sb deploys show {id}'.",
                    ExitCodes.Unavailable);
            }

            await Task.Delay(TimeSpan.FromSeconds(failures), clock, cancellationToken);
        }
    }

    private static void WriteLine(SseItem<string> item) =>
        Console.WriteLine(item.EventType == "step" ? "== " + item.Data : item.Data);

    /// <summary>The end, or why there is none: the problem to print and the exit code.</summary>
    private sealed record StreamOutcome(DeploymentEnd? End, string Problem, int ExitCode);
}
