using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Modules.Slack.Delivery;

namespace Switchboard.Modules.Slack.Manifest.ShowManifest;

/// <summary>
/// <c>slack manifest --url https://switchboard.example.com</c> prints the Slack app manifest
/// (https://docs.slack.dev/reference/app-manifest) to paste into "Create New App › From a manifest": the bot's scopes,
/// <c>/sb</c>, the Events API and interactivity request URLs under the given address, and Switchboard's metadata event.
/// With <c>--socket-mode</c> the app takes its requests over a connection Switchboard opens, and needs no address.
/// </summary>
internal sealed class ShowManifestCommand : ICommandHandler<ShowManifestArguments>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// What the app does with each: <c>commands</c> for <c>/sb</c>; mentions and direct messages in; posts, updates and
    /// ephemeral replies out; channels found by name and their recent messages searched for a delivery key; people
    /// found by e-mail; message metadata read back.
    /// </summary>
    private static readonly string[] BotScopes =
    [
        "app_mentions:read", "channels:history", "channels:read", "chat:write", "commands", "groups:history", "groups:read",
        "im:history", "im:read", "im:write", "metadata.message:read", "users:read", "users:read.email",
    ];

    public static CommandDefinition Definition { get; } = new(
        Verb: "slack manifest",
        Summary: "Print the Slack app manifest for this Switchboard's public address.",
        Permission: SlackPermissions.Read,
        Examples: ["slack manifest --url https://switchboard.example.com", "slack manifest --socket-mode"])
    {
        IsReadOnly = true,
    };

    public Task<CommandResult> HandleAsync(ShowManifestArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (arguments.SocketMode)
        {
            return Task.FromResult<CommandResult>(arguments.Url is null
                ? Reply.Text(WithoutNulls(Manifest(baseUrl: null)).ToJsonString(Indented))
                : Error.Invalid("slack.url-with-socket-mode", "With --socket-mode Slack calls no address: leave out --url, or leave out --socket-mode."));
        }

        if (!Uri.TryCreate(arguments.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return Task.FromResult<CommandResult>(Error.Invalid(
                "slack.invalid-url",
                arguments.Url is null
                    ? "Give Switchboard's public https address with --url, such as https://switchboard.example.com, or --socket-mode when Slack cannot reach it."
                    : $"'{arguments.Url}' is not an https address Slack can call; give Switchboard's public address, such as https://switchboard.example.com."));
        }

        return Task.FromResult<CommandResult>(Reply.Text(Manifest(url.AbsoluteUri.TrimEnd('/')).ToJsonString(Indented)));
    }

    /// <param name="baseUrl">Where Slack sends requests; null for Socket Mode, where every URL is left out.</param>
    private static JsonObject Manifest(string? baseUrl) => new()
    {
        ["_metadata"] = new JsonObject { ["major_version"] = 1, ["minor_version"] = 1 },
        ["display_information"] = new JsonObject
        {
            ["name"] = "Switchboard",
            ["description"] = "Pages, deploys and alerts, run as yourself.",
            ["background_color"] = "#1f2933",
        },
        ["features"] = new JsonObject
        {
            ["app_home"] = new JsonObject { ["home_tab_enabled"] = false, ["messages_tab_enabled"] = true, ["messages_tab_read_only_enabled"] = false },
            ["bot_user"] = new JsonObject { ["display_name"] = "Switchboard", ["always_online"] = true },
            ["slash_commands"] = new JsonArray(new JsonObject
            {
                ["command"] = "/sb",
                ["url"] = baseUrl is null ? null : baseUrl + "/slack/commands",
                ["description"] = "Run a Switchboard command as yourself",
                ["usage_hint"] = "help",
                ["should_escape"] = false,
            }),
        },
        ["oauth_config"] = new JsonObject { ["scopes"] = new JsonObject { ["bot"] = new JsonArray(BotScopes.Select(s => (JsonNode)s).ToArray()) } },
        ["settings"] = new JsonObject
        {
            ["event_subscriptions"] = new JsonObject
            {
                ["request_url"] = baseUrl is null ? null : baseUrl + "/slack/events",
                ["bot_events"] = new JsonArray("app_mention", "message.im"),
                ["metadata_subscriptions"] = new JsonArray(new JsonObject { ["app_id"] = "*", ["event_type"] = SlackChatAdapter.MetadataEventType }),
            },
            ["interactivity"] = new JsonObject { ["is_enabled"] = true, ["request_url"] = baseUrl is null ? null : baseUrl + "/slack/interactivity" },
            ["org_deploy_enabled"] = false,
            ["socket_mode_enabled"] = baseUrl is null,
            ["token_rotation_enabled"] = false,
        },
    };

    /// <summary>Slack reads a property that is there as set; a URL Socket Mode does without must be absent, not null.</summary>
    private static JsonObject WithoutNulls(JsonObject node)
    {
        foreach (var (name, value) in node.ToList())
        {
            switch (value)
            {
                case null:
                    node.Remove(name);
                    break;
                case JsonObject inner:
                    WithoutNulls(inner);
                    break;
                case JsonArray items:
                    foreach (var item in items.OfType<JsonObject>())
                    {
                        WithoutNulls(item);
                    }

                    break;
                default:
                    break;
            }
        }

        return node;
    }
}

internal sealed record ShowManifestArguments(
    [Option("Switchboard's public https address, which Slack calls.", MaxLength = 500)] string? Url = null,
    [Option("Slack sends requests over a connection Switchboard opens (Socket Mode), for a Switchboard it cannot reach.")] bool SocketMode = false);
