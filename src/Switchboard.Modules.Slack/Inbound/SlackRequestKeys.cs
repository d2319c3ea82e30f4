using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Switchboard.Modules.Slack.Forms;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// What decides whether a request from Slack is appended, and under which key: the same for a request that came over
/// HTTP and one that came over Socket Mode, so Slack's redeliveries are one request however they arrive.
/// </summary>
internal static class SlackRequestKeys
{
    public static IngressKeys OfCommand(byte[] body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));

        // Slack checks the certificate of a slash command's URL with a signed ping that runs nothing.
        // https://api.slack.com/interactivity/slash-commands#ssl
        if (form.ContainsKey("ssl_check"))
        {
            return IngressKeys.Ignore;
        }

        return form.TryGetValue("trigger_id", out var trigger) && trigger.ToString().Length > 0
            && form.ContainsKey("user_id") && form.ContainsKey("team_id")
            ? IngressKeys.Append("command:" + trigger, SlackRequestTypes.SlashCommand)
            : IngressKeys.Malformed("A slash command needs trigger_id, user_id and team_id.");
    }

    public static (IngressKeys Keys, string? Challenge) OfEvent(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "url_verification")
        {
            return (IngressKeys.Ignore, root.TryGetProperty("challenge", out var challenge) ? challenge.GetString() ?? "" : "");
        }

        if (type != "event_callback" || !root.TryGetProperty("event_id", out var id) || !root.TryGetProperty("event", out var inner))
        {
            return (IngressKeys.Ignore, null);
        }

        var eventType = inner.TryGetProperty("type", out var e) ? e.GetString() : null;

        // The app's own messages come back to it; they are not requests, and logging them would only echo.
        if (eventType is not (SlackRequestTypes.AppMention or SlackRequestTypes.Message) || inner.TryGetProperty("bot_id", out _))
        {
            return (IngressKeys.Ignore, null);
        }

        // Slack retries an event it did not see acknowledged within 3 s, numbering attempts in
        // X-Slack-Retry-Num, with the same event_id: https://api.slack.com/apis/events-api#retries
        return (IngressKeys.Append("event:" + id.GetString(), eventType), null);
    }

    public static IngressKeys OfInteraction(byte[] body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("payload", out var payload))
        {
            return IngressKeys.Malformed("An interaction's body is a form with a payload field.");
        }

        using var document = JsonDocument.Parse(payload.ToString());
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;

        // A form is answered by closing it, which an empty 200 does; only Switchboard's own forms are its to run.
        var isOurForm = type == SlackRequestTypes.ViewSubmission
            && root.TryGetProperty("view", out var view) && view.TryGetProperty("callback_id", out var callback) && callback.ValueEquals(CommandForm.CallbackId);
        if (type != SlackRequestTypes.BlockActions && !isOurForm)
        {
            return IngressKeys.Ignore;
        }

        var trigger = root.TryGetProperty("trigger_id", out var id) ? id.GetString() : null;
        return IngressKeys.Append(
            "interaction:" + (string.IsNullOrEmpty(trigger) ? Convert.ToHexStringLower(SHA256.HashData(body)) : trigger),
            type!);
    }
}

/// <summary>What the ingress reads from a verified body before appending it, and nothing more.</summary>
internal sealed record IngressKeys(string? DedupeKey, string? Type, string? Malformation)
{
    public static IngressKeys Ignore { get; } = new(null, null, null);

    public static IngressKeys Append(string dedupeKey, string type) => new(dedupeKey, type, null);

    public static IngressKeys Malformed(string why) => new(null, null, why);
}
