using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Switchboard.EventLog;
using Switchboard.Modules.Slack.Forms;
using Switchboard.Modules.Slack.Rendering;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// One request from Slack that asks Switchboard to run something, read from the raw body the event log
/// kept: a slash command, a mention of the app, a direct message to it, or a click on one of its buttons.
/// </summary>
/// <param name="Workspace">The workspace the request came through (the install's team id).</param>
/// <param name="UserTeam">The team the person belongs to; another organisation's in a Slack Connect channel.</param>
/// <param name="RequestKey">Unique per request (Slack's event id or trigger id): the idempotency key a command runs under.</param>
/// <param name="Button">For a click, the command and idempotency key the button carries.</param>
/// <param name="TriggerId">Slack's trigger of a command or click, which opens a form within 3 seconds.</param>
/// <param name="Submission">For a form sent, the command and the arguments filled in.</param>
internal sealed partial record SlackRequest(
    SlackRequestKind Kind,
    string Workspace,
    string UserTeam,
    string? EnterpriseId,
    string UserId,
    string Text,
    Uri? ResponseUrl,
    string? Channel,
    string? ThreadTs,
    string RequestKey,
    ButtonValue? Button = null,
    string? TriggerId = null,
    FormSubmission? Submission = null)
{
    public const string Source = FrontEndSources.Slack;

    /// <summary>
    /// Whether the person is from another organisation (Slack Connect): their team is neither the workspace
    /// nor its Enterprise Grid organisation, which Slack reports in place of the team id on a grid.
    /// </summary>
    public bool IsExternal => UserTeam != Workspace && UserTeam != EnterpriseId;

    /// <returns>The request, or null for a kind of event Switchboard does not act on (a bot's own message, an edit).</returns>
    public static SlackRequest? From(string type, string dedupeKey, byte[] body) => type switch
    {
        SlackRequestTypes.SlashCommand => FromSlashCommand(dedupeKey, body),
        SlackRequestTypes.AppMention or SlackRequestTypes.Message => FromEvent(dedupeKey, body),
        SlackRequestTypes.BlockActions or SlackRequestTypes.ViewSubmission => FromInteraction(type, dedupeKey, body),
        _ => null,
    };

    // https://api.slack.com/interactivity/slash-commands#app_command_handling
    private static SlackRequest FromSlashCommand(string dedupeKey, byte[] body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : "";
        var enterprise = Field("enterprise_id");
        return new SlackRequest(
            SlackRequestKind.SlashCommand,
            Field("team_id"),
            Field("team_id"),
            enterprise.Length == 0 ? null : enterprise,
            Field("user_id"),
            Plain(Field("text")),
            Uri.TryCreate(Field("response_url"), UriKind.Absolute, out var responseUrl) ? responseUrl : null,
            Field("channel_id"),
            null,
            dedupeKey,
            TriggerId: Field("trigger_id"));
    }

    // https://api.slack.com/events/app_mention and https://api.slack.com/events/message.im
    private static SlackRequest? FromEvent(string dedupeKey, byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var message = root.GetProperty("event");
        var type = StringOf(message, "type");
        var isDirect = type == "message" && StringOf(message, "channel_type") == "im";

        // The app's own replies come back as message events; edits and joins carry a subtype. Neither is a request.
        if ((type != "app_mention" && !isDirect) || message.TryGetProperty("bot_id", out _) || StringOf(message, "subtype") is not null)
        {
            return null;
        }

        var workspace = StringOf(root, "team_id") ?? "";
        return new SlackRequest(
            isDirect ? SlackRequestKind.DirectMessage : SlackRequestKind.Mention,
            workspace,
            StringOf(message, "user_team") ?? StringOf(message, "team") ?? workspace,
            StringOf(root, "enterprise_id"),
            StringOf(message, "user") ?? "",
            Plain(isDirect ? StringOf(message, "text") ?? "" : WithoutLeadingMentions(StringOf(message, "text") ?? "")),
            null,
            StringOf(message, "channel"),
            isDirect ? StringOf(message, "thread_ts") : StringOf(message, "thread_ts") ?? StringOf(message, "ts"),
            dedupeKey);
    }

    /// <summary>
    /// A click or a form sent: both come as a form whose <c>payload</c> field holds the JSON, and name the workspace and
    /// the person the same way. https://api.slack.com/reference/interaction-payloads
    /// </summary>
    private static SlackRequest? FromInteraction(string type, string dedupeKey, byte[] body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        using var document = JsonDocument.Parse(form["payload"].ToString());
        var root = document.RootElement;
        var team = root.GetProperty("team");
        var user = root.GetProperty("user");
        var workspace = StringOf(team, "id") ?? "";
        var person = new SlackRequest(
            SlackRequestKind.ButtonClick,
            workspace,
            StringOf(user, "team_id") ?? workspace,
            StringOf(team, "enterprise_id"),
            StringOf(user, "id") ?? "",
            "",
            null,
            null,
            null,
            dedupeKey);
        return type == SlackRequestTypes.BlockActions ? Clicked(person, root) : Sent(person, root);
    }

    // https://api.slack.com/reference/interaction-payloads/block-actions
    private static SlackRequest? Clicked(SlackRequest person, JsonElement root)
    {
        var action = root.GetProperty("actions").EnumerateArray().FirstOrDefault();
        if (action.ValueKind != JsonValueKind.Object || StringOf(action, "type") != "button" || ButtonValue.Decode(StringOf(action, "value")) is not { } button)
        {
            return null;
        }

        return person with
        {
            Text = button.Command,
            ResponseUrl = Uri.TryCreate(StringOf(root, "response_url"), UriKind.Absolute, out var responseUrl) ? responseUrl : null,
            Channel = root.TryGetProperty("channel", out var channel) ? StringOf(channel, "id") : null,
            Button = button,
            TriggerId = StringOf(root, "trigger_id"),
        };
    }

    // https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission
    private static SlackRequest? Sent(SlackRequest person, JsonElement root)
    {
        var view = root.GetProperty("view");
        if (StringOf(view, "callback_id") != CommandForm.CallbackId || FormOrigin.Read(StringOf(view, "private_metadata")) is not { } origin)
        {
            return null;
        }

        var arguments = view.TryGetProperty("state", out var state) && state.TryGetProperty("values", out var values)
            ? CommandForm.ArgumentsOf(values)
            : [];
        return person with
        {
            Kind = SlackRequestKind.FormSubmission,
            Text = string.Join(' ', arguments.Values.Prepend(origin.Verb)),
            ResponseUrl = origin.ResponseUrl,
            Channel = origin.Channel,
            Submission = new FormSubmission(origin.Verb, arguments),
        };
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string WithoutLeadingMentions(string text) => LeadingMentions().Replace(text, "");

    /// <summary>
    /// Slack's message formatting back to what the person typed: <c>&lt;#C123|ops&gt;</c> is <c>#ops</c>, a link is
    /// its address, and <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> are the characters.
    /// https://api.slack.com/reference/surfaces/formatting#escaping
    /// </summary>
    public static string Plain(string formatted)
    {
        var unlinked = Entities().Replace(formatted, match => match.Groups["kind"].Value switch
        {
            "#" => "#" + (match.Groups["label"].Success ? match.Groups["label"].Value : match.Groups["id"].Value),
            "@" => "@" + (match.Groups["label"].Success ? match.Groups["label"].Value : match.Groups["id"].Value),
            _ => match.Groups["id"].Value,
        });
        return unlinked.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal).Trim();
    }

    [GeneratedRegex(@"^\s*(<@[A-Z0-9]+(\|[^>]*)?>\s*)+")]
    private static partial Regex LeadingMentions();

    [GeneratedRegex(@"<(?<kind>[#@!]?)(?<id>[^|>]+)(\|(?<label>[^>]*))?>")]
    private static partial Regex Entities();
}

internal enum SlackRequestKind
{
    SlashCommand,
    Mention,
    DirectMessage,
    ButtonClick,
    FormSubmission,
}

/// <param name="Arguments">By name, as a structured request to the HTTP API names them.</param>
internal sealed record FormSubmission(string Verb, IReadOnlyDictionary<string, string?> Arguments);

/// <summary>The event types the ingress appends Slack's requests under.</summary>
internal static class SlackRequestTypes
{
    public const string SlashCommand = "slash_command";
    public const string AppMention = "app_mention";
    public const string Message = "message";
    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";
}
