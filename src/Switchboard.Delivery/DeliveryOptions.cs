using Microsoft.Extensions.Options;
using Switchboard.Delivery.Channels;

namespace Switchboard.Delivery;

/// <summary>The <c>Delivery</c> section: how the outbox retries, and which channels are bridged to other chats.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    public OutboxOptions Outbox { get; init; } = new();

    /// <summary><c>Delivery:Channels:&lt;channel&gt;:Webhook:Url</c> bridges a built-in channel to an incoming webhook.</summary>
    public Dictionary<string, ChannelOptions> Channels { get; init; } = [];
}

/// <summary><c>Delivery:Outbox</c>. A delivery is dead-lettered at the first failure past either budget: attempts or age.</summary>
public sealed class OutboxOptions
{
    /// <summary>Whether this process delivers; a web-only process enqueues and leaves delivery to the workers.</summary>
    public bool Dispatch { get; set; } = true;

    public int MaxAttempts { get; set; } = 20;

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The ceiling of the first retry's random delay; each further retry doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most messages of one channel delivered in one round (and, for the built-in chat, one transaction).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How often the outbox looks for work it was not woken for: what other processes enqueued, or a database that was away.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class ChannelOptions
{
    public WebhookOptions? Webhook { get; set; }
}

public sealed class WebhookOptions
{
    /// <summary>An incoming webhook that takes <c>{"text": "..."}</c>, as Slack's and Mattermost's do.</summary>
    public Uri? Url { get; set; }
}

internal sealed class DeliveryOptionsValidation : IValidateOptions<DeliveryOptions>
{
    /// <summary>A webhook attempt gives up after this, and is tried again later.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var outbox = options.Outbox;
        var failures = new List<string>();
        Require(outbox.MaxAttempts >= 1, "Delivery:Outbox:MaxAttempts must be at least 1.");
        Require(outbox.MaxAge > TimeSpan.Zero, "Delivery:Outbox:MaxAge must be positive.");
        Require(outbox.FirstRetryDelay > TimeSpan.Zero, "Delivery:Outbox:FirstRetryDelay must be positive.");
        Require(outbox.MaxRetryDelay >= outbox.FirstRetryDelay, "Delivery:Outbox:MaxRetryDelay must be at least FirstRetryDelay.");
        Require(outbox.BatchSize is >= 1 and <= 1000, "Delivery:Outbox:BatchSize must be between 1 and 1000.");
        Require(outbox.PollInterval > TimeSpan.Zero, "Delivery:Outbox:PollInterval must be positive.");
        foreach (var (channel, bridge) in options.Channels)
        {
            Require(ChannelNames.IsValid(channel), $"Delivery:Channels:{channel} does not name a channel: use its lower-case name without '#'.");
            if (bridge.Webhook is { } webhook)
            {
                Require(
                    webhook.Url is { IsAbsoluteUri: true, Scheme: "http" or "https" },
                    $"Delivery:Channels:{channel}:Webhook:Url must be an absolute http or https URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(bool rule, string failure)
        {
            if (!rule)
            {
                failures.Add(failure);
            }
        }
    }
}
