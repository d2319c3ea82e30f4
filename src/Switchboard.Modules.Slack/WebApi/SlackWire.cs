using System.Text.Json.Nodes;

namespace Switchboard.Modules.Slack.WebApi;

// The parts of Slack's answers Switchboard reads, named as Slack names them (snake_case on the wire).

internal sealed record SlackAuth(string TeamId, string Team, string UserId, string? BotId, string Url);

/// <param name="Ts">The message's id within the channel; a reply in its thread names it as <c>thread_ts</c>.</param>
internal sealed record SlackPosted(string Channel, string Ts);

internal sealed record SlackUser(
    string Id, string TeamId, string Name, string? RealName, bool Deleted, bool IsBot, bool IsRestricted, bool IsUltraRestricted, SlackProfile? Profile);

internal sealed record SlackProfile(string? Email, string? DisplayName, string? RealName);

internal sealed record SlackConversation(string Id, string? Name, bool IsPrivate, bool IsArchived, bool IsMember, bool IsIm);

internal sealed record SlackHistoryMessage(string Ts, string? ThreadTs, string? Text, SlackMetadata? Metadata);

/// <summary>Message metadata: https://docs.slack.dev/messaging/message-metadata</summary>
internal sealed record SlackMetadata(string EventType, JsonObject EventPayload);

/// <param name="NextCursor">The cursor for the next page; null on the last.</param>
internal sealed record SlackPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>A message as Slack takes it: <c>text</c> for notifications and screen readers, and the Block Kit <c>blocks</c>.</summary>
internal sealed record SlackMessageContent(string Text, JsonArray Blocks);
