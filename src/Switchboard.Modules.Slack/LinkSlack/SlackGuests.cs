using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Switchboard.Modules.Slack.LinkSlack;

/// <summary>
/// Asks Slack's <c>users.info</c> whether someone is a guest (<c>is_restricted</c>: a multi-channel guest,
/// <c>is_ultra_restricted</c>: a single-channel one). Nothing in a slash command says so.
/// https://api.slack.com/methods/users.info
/// </summary>
internal sealed class SlackGuests(HttpClient http, IOptions<SlackOptions> options)
{
    /// <returns>Whether the user is a guest, or null when Slack did not say (no bot token, an error).</returns>
    public async Task<bool?> IsGuestAsync(string userId, CancellationToken cancellationToken)
    {
        if (options.Value.BotToken is not { Length: > 0 } token)
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl, "users.info"))
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("user", userId)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = answer.RootElement;
        if (!root.TryGetProperty("ok", out var ok) || !ok.GetBoolean() || !root.TryGetProperty("user", out var user))
        {
            return null;
        }

        return IsTrue(user, "is_restricted") || IsTrue(user, "is_ultra_restricted");
    }

    private static bool IsTrue(JsonElement user, string name) => user.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
