using Switchboard.Cli.Api;
using Switchboard.Cli.Configuration;
using Switchboard.Cli.Rendering;

namespace Switchboard.Cli.Watch;

/// <summary>
/// <c>sb watch &lt;channel&gt;</c>: polls a built-in channel and prints what is posted after it started,
/// until Ctrl+C or until <c>--count</c> messages have been printed.
/// </summary>
internal static class WatchAction
{
    private const int PageSize = 500;

    public static async Task<int> RunAsync(
        string channel, double intervalSeconds, int? count, OutputMode mode, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (intervalSeconds is not (> 0 and <= 3600) || count is < 1)
        {
            await Console.Error.WriteLineAsync("--interval takes more than 0 and at most 3600 seconds, and --count at least 1.");
            return ExitCodes.BadInput;
        }

        var interval = TimeSpan.FromSeconds(intervalSeconds);
        var (connection, problem) = await Connection.ResolveAsync(cancellationToken);
        if (connection is null)
        {
            await Console.Error.WriteLineAsync(problem);
            return ExitCodes.BadInput;
        }

        using var client = new SwitchboardClient(connection, SwitchboardClient.DefaultTimeout);
        var exit = await ServerCall.GuardAsync(client, () => FollowAsync(client, channel, interval, count, mode, clock, cancellationToken), cancellationToken);
        // Ctrl+C is how a watch normally ends, not a failure.
        return exit == ExitCodes.Interrupted ? ExitCodes.Ok : exit;
    }

    private static async Task<int> FollowAsync(
        SwitchboardClient client, string channel, TimeSpan interval, int? count, OutputMode mode, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Start after the newest message, so only what is posted from now on is printed.
        var last = 0L;
        var caughtUp = await ReadPagesAsync(client, channel, last, message => last = message.Id, cancellationToken);
        if (caughtUp != ExitCodes.Ok)
        {
            return caughtUp;
        }

        await Console.Error.WriteLineAsync($"Watching {channel}; press Ctrl+C to stop.");
        var printed = 0;
        using var timer = new PeriodicTimer(interval, clock);
        while (printed < count.GetValueOrDefault(int.MaxValue) && await timer.WaitForNextTickAsync(cancellationToken))
        {
            var read = await ReadPagesAsync(client, channel, last, message =>
            {
                if (printed < count.GetValueOrDefault(int.MaxValue))
                {
                    MessageOutput.Write(message, mode, clock.LocalTimeZone);
                    printed++;
                }

                last = message.Id;
            }, cancellationToken);
            if (read != ExitCodes.Ok)
            {
                return read;
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> ReadPagesAsync(
        SwitchboardClient client, string channel, long after, Action<ChannelMessage> each, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await client.ReadChannelAsync(channel, after, PageSize, cancellationToken);
            if (!response.IsSuccess)
            {
                await Console.Error.WriteLineAsync(response.Problem().ToString());
                return response.ExitCode;
            }

            var messages = ChannelMessage.ParseAll(response.Body);
            foreach (var message in messages)
            {
                each(message);
                after = message.Id;
            }

            if (messages.Count < PageSize)
            {
                return ExitCodes.Ok;
            }
        }
    }
}
