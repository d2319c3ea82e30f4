using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using Switchboard.Emulators.GitHub;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.RedeliverMissedGitHubDeliveries;

/// <summary>
/// Drives the reconciler through the host's clock and reads its progress from the host's log (a round
/// ends with a debug line), as an operator reading the log would.
/// </summary>
internal static class ReconcilerRounds
{
    public const string Secret = "It's a Secret to Everybody";
    public const string Repository = "Codertocat/Hello-World";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private const int RoundFinished = 11006;
    private const int RoundSkipped = 11007;

    /// <summary>The settings of a host that accepts GitHub's webhooks and reconciles the hook with the token.</summary>
    public static Dictionary<string, string> Settings(GitHubHook hook, string token) => new()
    {
        ["Hooks:github:Secrets:0"] = Secret,
        ["GitHub:Reconciler:Token"] = token,
        ["GitHub:Reconciler:Hooks:0"] = $"{Repository}:{hook.Id}",
        ["GitHub:Reconciler:Interval"] = Interval.ToString(),
        ["Logging:LogLevel:Switchboard.Modules.Notify"] = "Debug",
    };

    /// <summary>Waits for the round the reconciler runs as the host starts.</summary>
    public static Task StartedAsync(SwitchboardHost host, CancellationToken cancellationToken) => RoundsAsync(host, 1, cancellationToken);

    /// <summary>Moves the clock on by an interval, or by as much as asked, and waits for the one round that starts.</summary>
    public static async Task NextAsync(SwitchboardHost host, CancellationToken cancellationToken, TimeSpan? by = null)
    {
        await StartedAsync(host, cancellationToken);
        var before = Count(host.Logs.GetSnapshot());
        host.Clock.Advance(by ?? Interval);
        await RoundsAsync(host, before + 1, cancellationToken);
    }

    /// <summary>Where the host receives GitHub's webhooks: a hook pointed here reaches Switchboard.</summary>
    public static Uri HooksUrl(SwitchboardHost host) => new(host.BaseAddress, "/hooks/github");

    public static IReadOnlyList<HookDelivery> RedeliveriesOf(SwitchboardHost host, GitHubHook hook, HookDelivery delivery) =>
        host.GitHub.State.DeliveriesOf(hook).Where(d => d.DeliveryGuid == delivery.DeliveryGuid && d.Redelivery).ToList();

    public static async Task<IReadOnlyList<string>> MessagesAsync(SwitchboardHost host, string channel, CancellationToken cancellationToken)
    {
        using var http = host.ApiClient(host.Admin);
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/channels/{channel}/messages", cancellationToken);
        return page.EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToList();
    }

    /// <summary>The channel's messages once one starting with each of the texts has arrived.</summary>
    public static async Task<IReadOnlyList<string>> MessagesEventuallyAsync(
        SwitchboardHost host, string channel, IReadOnlyList<string> startingWith, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = await MessagesAsync(host, channel, deadline.Token);
            if (startingWith.All(text => messages.Any(m => m.StartsWith(text, StringComparison.Ordinal))))
            {
                return messages;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    private static async Task RoundsAsync(SwitchboardHost host, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var rounds = 0;
        await foreach (var record in host.Logs.GetLogsAsync(deadline.Token))
        {
            rounds += IsRoundEnd(record) ? 1 : 0;
            if (rounds >= count)
            {
                return;
            }
        }
    }

    private static int Count(IReadOnlyList<FakeLogRecord> records) => records.Count(IsRoundEnd);

    private static bool IsRoundEnd(FakeLogRecord record) => record.Id.Id is RoundFinished or RoundSkipped;
}
