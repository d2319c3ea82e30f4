using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.GitHub;

/// <summary>
/// What every REST endpoint shares: authentication by token, the primary rate limit and its headers, the
/// error body, and GitHub's JSON (snake_case names, UTC times with a <c>Z</c>).
/// https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
/// </summary>
internal static class GitHubApi
{
    private const string DocumentationUrl = "https://docs.github.com/rest";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new UtcTimeConverter() },
    };

    /// <summary>Requires a token the state knows (<c>Authorization: Bearer|token &lt;token&gt;</c>) and spends one request of its limit.</summary>
    public static RouteGroupBuilder RequireToken(this RouteGroupBuilder api, GitHubState state) =>
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (TokenIn(http.Request.Headers.Authorization.ToString()) is not { } presented)
            {
                return Problem(StatusCodes.Status401Unauthorized, "Requires authentication");
            }

            if (state.FindToken(presented) is not { } token)
            {
                return Problem(StatusCodes.Status401Unauthorized, "Bad credentials");
            }

            var now = state.Clock.GetUtcNow();
            if (now >= token.ResetsAt)
            {
                token.Remaining = GitHubToken.HourlyLimit;
                token.ResetsAt = now.AddHours(1);
            }

            var exhausted = token.Remaining <= 0;
            token.Remaining = Math.Max(0, token.Remaining - 1);
            var headers = http.Response.Headers;
            headers["X-RateLimit-Limit"] = GitHubToken.HourlyLimit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = token.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Used"] = (GitHubToken.HourlyLimit - token.Remaining).ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = token.ResetsAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Resource"] = "core";
            if (exhausted)
            {
                return Problem(StatusCodes.Status403Forbidden, "API rate limit exceeded for user ID 583231.");
            }

            http.Items[typeof(GitHubToken)] = token;
            return await next(context);
        });

    public static GitHubToken Token(this HttpContext http) => (GitHubToken)http.Items[typeof(GitHubToken)]!;

    public static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "Not Found");

    public static IResult Problem(int status, string message) => TypedResults.Json(
        new ErrorBody(message, DocumentationUrl, status.ToString(CultureInfo.InvariantCulture)), Json, statusCode: status);

    private static string? TokenIn(string authorization)
    {
        var parts = authorization.Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[1].Length > 0
            && (parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("token", StringComparison.OrdinalIgnoreCase))
            ? parts[1]
            : null;
    }

    private sealed record ErrorBody(string Message, string DocumentationUrl, string Status);

    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
