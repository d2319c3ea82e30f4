using Switchboard.Core.Errors;

namespace Switchboard.Modules.Slack.WebApi;

/// <summary>
/// Slack's error codes (each method's page lists them, e.g. https://docs.slack.dev/reference/methods/chat.postMessage#errors)
/// as Switchboard errors: a stable <c>slack.*</c> code and a sentence the person can act on or hand to an operator.
/// </summary>
internal static class SlackErrors
{
    public static Error FromSlack(string method, string slackError) => slackError switch
    {
        "not_authed" or "invalid_auth" or "token_revoked" or "not_allowed_token_type" when method.StartsWith("apps.connections.", StringComparison.Ordinal) => Error.Unauthenticated(
            "slack.invalid-app-token", "Slack refused Switchboard's app-level token. An operator must set a valid `Slack:AppToken` (xapp-...) with the connections:write scope."),
        "channel_not_found" => Error.NotFound(
            "slack.channel-not-found", "Slack has no channel by that id that Switchboard can see. Check the id, or invite the Switchboard app to the private channel."),
        "not_in_channel" => Error.Forbidden(
            "slack.not-in-channel", "The Switchboard app is not a member of that Slack channel. Invite it there with `/invite @Switchboard`."),
        "is_archived" => Error.Conflict("slack.channel-archived", "That Slack channel is archived. Unarchive it, or bind another channel."),
        "not_authed" or "invalid_auth" or "account_inactive" or "token_revoked" or "token_expired" => Error.Unauthenticated(
            "slack.invalid-auth", "Slack refused Switchboard's bot token. An operator must set a valid `Slack:BotToken` (xoxb-...)."),
        "missing_scope" or "not_allowed_token_type" => Error.Forbidden(
            "slack.missing-scope", $"The Switchboard app lacks a permission {method} needs. An operator must reinstall it from `sb slack manifest`."),
        "ratelimited" or "rate_limited" => RateLimited(method),
        "msg_too_long" => Error.TooLarge("slack.msg-too-long", "The message is longer than Slack takes (40,000 characters)."),
        "no_text" => Error.Invalid("slack.no-text", "The message was empty."),
        "invalid_blocks" or "invalid_blocks_format" => Error.Invalid(
            "slack.invalid-blocks", "Slack refused the message's layout (Block Kit). This is a bug in Switchboard's rendering; the console shows the message."),
        "invalid_metadata_format" or "invalid_metadata_schema" => Error.Invalid("slack.invalid-metadata", "Slack refused the message's metadata."),
        "user_not_found" or "users_not_found" => Error.NotFound("slack.user-not-found", "Slack has no such person in this workspace."),
        "user_not_in_channel" => Error.Forbidden("slack.user-not-in-channel", "That person is not in the Slack channel."),
        "message_not_found" or "thread_not_found" => Error.NotFound("slack.message-not-found", "Slack has no such message in that channel any more."),
        "cant_update_message" or "edit_window_closed" => Error.Forbidden("slack.cant-update-message", "Slack does not let Switchboard change that message."),
        "invalid_trigger_id" or "expired_trigger_id" or "trigger_exchanged" => Error.Invalid(
            "slack.trigger-expired", "The form can no longer be opened: Slack allows 3 seconds after the click. Try again."),
        "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout" or "team_added_to_org" => Unavailable(method, slackError),
        _ => Error.Invalid("slack.refused", $"Slack refused {method} with '{slackError}'."),
    };

    public static Error RateLimited(string method) =>
        Error.Unavailable("slack.ratelimited", $"Slack asked Switchboard to slow down ({method}). It tries again shortly.");

    public static Error Unavailable(string method, string why) =>
        Error.Unavailable("slack.unavailable", $"Slack could not be reached for {method}: {why}. Switchboard tries again.");

    /// <param name="setting">The token setting that is missing: <c>Slack:BotToken</c> or <c>Slack:AppToken</c>.</param>
    public static Error NotConfigured(string setting) =>
        Error.Unavailable("slack.not-configured", $"Slack is not set up here: an operator must set `{setting}`.");
}
