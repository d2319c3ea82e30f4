using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.GitHub.Hooks;

/// <summary>
/// Repository and organisation webhooks and their deliveries, in the shapes GitHub documents:
/// https://docs.github.com/en/rest/repos/webhooks, https://docs.github.com/en/rest/webhooks/repo-deliveries,
/// https://docs.github.com/en/rest/orgs/webhooks. A hook the token does not administer is a 404, as on GitHub.
/// </summary>
internal static class HookEndpoints
{
    private const int DefaultPerPage = 30;
    private const int MaxPerPage = 100;
    private const string CursorPrefix = "v1_";

    public static void MapHooks(this RouteGroupBuilder api, GitHubState state, Hookshot hookshot)
    {
        foreach (var hooks in new[] { api.MapGroup("/repos/{owner}/{repo}/hooks"), api.MapGroup("/orgs/{org}/hooks") })
        {
            hooks.MapGet("", (HttpContext http) => ListHooks(http, state));
            hooks.MapGet("/{hookId:long}", (HttpContext http, long hookId) => GetHook(http, state, hookId));
            hooks.MapGet("/{hookId:long}/deliveries", (HttpContext http, long hookId, [FromQuery(Name = "per_page")] int? perPage, string? cursor, bool? redelivery) =>
                ListDeliveries(http, state, hookId, perPage, cursor, redelivery));
            hooks.MapGet("/{hookId:long}/deliveries/{deliveryId:long}", (HttpContext http, long hookId, long deliveryId) =>
                GetDelivery(http, state, hookId, deliveryId));
            hooks.MapPost("/{hookId:long}/deliveries/{deliveryId:long}/attempts", (HttpContext http, long hookId, long deliveryId) =>
                Redeliver(http, state, hookshot, hookId, deliveryId));
        }
    }

    private static IResult ListHooks(HttpContext http, GitHubState state)
    {
        var owner = HookOwner.Of(http);
        return http.Token().Administers(owner.Repository, owner.Organization)
            ? TypedResults.Json(state.HooksOf(owner.Repository, owner.Organization).Select(h => Resource(http, state, h)).ToList(), GitHubApi.Json)
            : GitHubApi.NotFound();
    }

    private static IResult GetHook(HttpContext http, GitHubState state, long hookId) =>
        VisibleHook(http, state, hookId) is { } hook ? TypedResults.Json(Resource(http, state, hook), GitHubApi.Json) : GitHubApi.NotFound();

    private static IResult ListDeliveries(HttpContext http, GitHubState state, long hookId, int? perPage, string? cursor, bool? redelivery)
    {
        if (VisibleHook(http, state, hookId) is not { } hook)
        {
            return GitHubApi.NotFound();
        }

        long? startAt = null;
        if (cursor is not null)
        {
            if (!cursor.StartsWith(CursorPrefix, StringComparison.Ordinal)
                || !long.TryParse(cursor.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return GitHubApi.Problem(StatusCodes.Status400BadRequest, "Invalid cursor");
            }

            startAt = id;
        }

        var size = Math.Clamp(perPage ?? DefaultPerPage, 1, MaxPerPage);
        var matching = state.DeliveriesOf(hook)
            .Where(d => (startAt is null || d.Id <= startAt) && (redelivery is null || d.Redelivery == redelivery))
            .Take(size + 1)
            .ToList();
        if (matching.Count > size)
        {
            var next = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}?per_page={size}&cursor={CursorPrefix}{matching[size].Id}"
                + (redelivery is { } only ? $"&redelivery={(only ? "true" : "false")}" : "");
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return TypedResults.Json(matching.Take(size).Select(Item).ToList(), GitHubApi.Json);
    }

    private static IResult GetDelivery(HttpContext http, GitHubState state, long hookId, long deliveryId) =>
        VisibleHook(http, state, hookId) is { } hook && state.DeliveriesOf(hook).FirstOrDefault(d => d.Id == deliveryId) is { } delivery
            ? TypedResults.Json(Detail(delivery), GitHubApi.Json)
            : GitHubApi.NotFound();

    /// <summary>GitHub accepts the request and makes the new attempt later, with the same GUID and <c>redelivery: true</c>.</summary>
    private static IResult Redeliver(HttpContext http, GitHubState state, Hookshot hookshot, long hookId, long deliveryId)
    {
        if (VisibleHook(http, state, hookId) is not { } hook || state.DeliveriesOf(hook).FirstOrDefault(d => d.Id == deliveryId) is not { } delivery)
        {
            return GitHubApi.NotFound();
        }

        hookshot.Queue(hook, delivery.DeliveryGuid, delivery.Event, delivery.Payload);
        return TypedResults.Json(new Dictionary<string, object>(), GitHubApi.Json, statusCode: StatusCodes.Status202Accepted);
    }

    private static GitHubHook? VisibleHook(HttpContext http, GitHubState state, long hookId)
    {
        var owner = HookOwner.Of(http);
        return state.FindHook(hookId) is { } hook
            && string.Equals(hook.Repository, owner.Repository, StringComparison.OrdinalIgnoreCase)
            && string.Equals(hook.Organization, owner.Organization, StringComparison.OrdinalIgnoreCase)
            && http.Token().Administers(hook)
            ? hook
            : null;
    }

    private static HookResource Resource(HttpContext http, GitHubState state, GitHubHook hook)
    {
        var url = hook.Repository is { } repository ? $"{ApiBase(http)}/repos/{repository}/hooks/{hook.Id}" : $"{ApiBase(http)}/orgs/{hook.Organization}/hooks/{hook.Id}";
        var deliveries = state.DeliveriesOf(hook);
        var last = deliveries.Count == 0 ? null : deliveries[0];
        return new HookResource(
            hook.Repository is null ? "Organization" : "Repository",
            hook.Id,
            "web",
            hook.Active,
            hook.Events,
            new HookConfig("json", "0", hook.Url.ToString(), hook.Secret.Length > 0 ? "********" : null),
            hook.CreatedAt,
            hook.CreatedAt,
            url,
            hook.Repository is null ? null : url + "/test",
            url + "/pings",
            url + "/deliveries",
            last is null ? new LastResponse(null, "unused", null) : new LastResponse(last.StatusCode, "active", last.Status));
    }

    private static DeliveryItem Item(HookDelivery d) =>
        new(d.Id, d.DeliveryGuid, d.DeliveredAt, d.Redelivery, d.Duration, d.Status, d.StatusCode, d.Event, d.Action, null, d.RepositoryId, null);

    private static DeliveryDetail Detail(HookDelivery d)
    {
        using var payload = JsonDocument.Parse(d.Payload);
        return new DeliveryDetail(
            d.Id, d.DeliveryGuid, d.DeliveredAt, d.Redelivery, d.Duration, d.Status, d.StatusCode, d.Event, d.Action, null, d.RepositoryId, null,
            d.Url.ToString(),
            new DeliveryRequest(d.RequestHeaders, payload.RootElement.Clone()),
            new DeliveryResponse(d.ResponseHeaders, d.ResponseBody));
    }

    private static string ApiBase(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/v3";

    private sealed record HookOwner(string? Repository, string? Organization)
    {
        public static HookOwner Of(HttpContext http)
        {
            var values = http.Request.RouteValues;
            return values.TryGetValue("org", out var org)
                ? new HookOwner(null, org?.ToString())
                : new HookOwner($"{values["owner"]}/{values["repo"]}", null);
        }
    }

    private sealed record HookResource(
        string Type,
        long Id,
        string Name,
        bool Active,
        IReadOnlyList<string> Events,
        HookConfig Config,
        DateTimeOffset UpdatedAt,
        DateTimeOffset CreatedAt,
        string Url,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TestUrl,
        string PingUrl,
        string DeliveriesUrl,
        LastResponse LastResponse);

    private sealed record HookConfig(
        string ContentType,
        string InsecureSsl,
        string Url,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret);

    private sealed record LastResponse(int? Code, string Status, string? Message);

    private sealed record DeliveryItem(
        long Id, string Guid, DateTimeOffset DeliveredAt, bool Redelivery, double Duration, string Status, int StatusCode,
        string Event, string? Action, long? InstallationId, long? RepositoryId, DateTimeOffset? ThrottledAt);

    private sealed record DeliveryDetail(
        long Id, string Guid, DateTimeOffset DeliveredAt, bool Redelivery, double Duration, string Status, int StatusCode,
        string Event, string? Action, long? InstallationId, long? RepositoryId, DateTimeOffset? ThrottledAt,
        string Url, DeliveryRequest Request, DeliveryResponse Response);

    private sealed record DeliveryRequest(IReadOnlyDictionary<string, string> Headers, JsonElement Payload);

    private sealed record DeliveryResponse(IReadOnlyDictionary<string, string> Headers, string? Payload);
}
