using System.Globalization;
using System.Text.Json;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>
/// The JSON a custom source sends (a team's tool, CI, change control), documented in the Notify README.
/// The format is Switchboard's own, so it is read strictly: a field of the wrong shape, a missing title or
/// an unknown type or severity is a <see cref="JsonException"/> naming the field, and the event is dead-lettered
/// with it rather than half understood. Fields the format does not name are ignored.
/// </summary>
/// <param name="Type">One of <see cref="Types"/>; <c>notice</c> when the payload has none.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c>, <c>error</c> or <c>critical</c>; alerts default to <c>error</c>, the rest to <c>info</c>.</param>
/// <param name="Service">The catalog's name for the service, lower case; the source's <c>Hooks:&lt;source&gt;:Service</c> when the payload names none.</param>
/// <param name="Reference">What ties events about one thing together: an alert's trigger and resolution, a change's steps.</param>
internal sealed record CustomEvent(
    string Type,
    string Title,
    string? Text,
    string Severity,
    IReadOnlyList<CustomLink> Links,
    string? Service,
    string? Repository,
    string? Environment,
    string? Reference,
    CustomChange? Change)
{
    /// <summary>What a subscription to a custom source may ask for: each type belongs to one.</summary>
    public static readonly IReadOnlyList<string> Features = ["alerts", "deploys", "changes", "notices"];

    public static readonly IReadOnlyList<string> Types =
    [
        "alert.triggered", "alert.resolved", "deploy.finished",
        "change.scheduled", "change.approved", "change.started", "change.completed", "change.cancelled", "notice",
    ];

    public static readonly IReadOnlyList<string> Severities = ["info", "warning", "error", "critical"];

    public string Feature => Type switch
    {
        "alert.triggered" or "alert.resolved" => "alerts",
        "deploy.finished" => "deploys",
        "notice" => "notices",
        _ => "changes",
    };

    /// <summary>What happened, after the dot: <c>triggered</c>, <c>scheduled</c>; null for a notice.</summary>
    public string? State => Type.Split('.') is [_, var state] ? state : null;

    /// <exception cref="JsonException">The payload is not a custom event.</exception>
    public static CustomEvent Read(JsonElement payload, string? defaultService)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("a custom event is a JSON object");
        }

        var type = OptionalText(payload, "type") ?? "notice";
        if (!Types.Contains(type))
        {
            throw Invalid($"type '{type}' is not one of {string.Join(", ", Types)}");
        }

        var severity = OptionalText(payload, "severity")?.ToLowerInvariant() ?? (type.StartsWith("alert.", StringComparison.Ordinal) ? "error" : "info");
        if (!Severities.Contains(severity))
        {
            throw Invalid($"severity '{severity}' is not one of {string.Join(", ", Severities)}");
        }

        return new(
            type,
            OptionalText(payload, "title") ?? throw Invalid("title is missing"),
            OptionalText(payload, "text"),
            severity,
            [.. Items(payload, "links").Select(ReadLink)],
            OptionalText(payload, "service")?.ToLowerInvariant() ?? defaultService,
            OptionalText(payload, "repository"),
            OptionalText(payload, "environment"),
            OptionalText(payload, "reference"),
            Object(payload, "change") is { } change ? ReadChange(change) : null);
    }

    private static CustomLink ReadLink(JsonElement link, int index)
    {
        var where = $"links[{index}]";
        if (link.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{where} is not an object with a url");
        }

        var text = OptionalText(link, "url", where) ?? throw Invalid($"{where}.url is missing");
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? new CustomLink(OptionalText(link, "title", where) ?? url.Host, url)
            : throw Invalid($"{where}.url '{text}' is not an absolute http(s) URL");
    }

    private static CustomChange ReadChange(JsonElement change)
    {
        var window = Object(change, "window", "change");
        return new(
            OptionalText(change, "id", "change"),
            window is null ? null : Time(window.Value, "start"),
            window is null ? null : Time(window.Value, "end"),
            OptionalText(change, "risk", "change"),
            OptionalText(change, "approver", "change"));
    }

    private static DateTimeOffset? Time(JsonElement window, string name)
    {
        var text = OptionalText(window, name, "change.window");
        return text is null ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime()
            : throw Invalid($"change.window.{name} '{text}' is not a time such as 2026-11-26T22:00:00Z");
    }

    /// <returns>The string, or null when it is absent, null or blank.</returns>
    private static string? OptionalText(JsonElement parent, string name, string? path = null)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? (string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim())
            : throw Invalid($"{(path is null ? "" : path + ".")}{name} is not a string");
    }

    private static JsonElement? Object(JsonElement parent, string name, string? path = null)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Invalid($"{(path is null ? "" : path + ".")}{name} is not an object");
    }

    private static List<JsonElement> Items(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : throw Invalid($"{name} is not an array");
    }

    private static JsonException Invalid(string problem) => new($"Not a custom event: {problem}.");
}

/// <param name="Title">The link's text; the URL's host when the payload gives none.</param>
internal sealed record CustomLink(string Title, Uri Url);

/// <summary>What change control says about a change: its id, when it may happen, how risky it is and who approved it.</summary>
internal sealed record CustomChange(string? Id, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd, string? Risk, string? Approver);
