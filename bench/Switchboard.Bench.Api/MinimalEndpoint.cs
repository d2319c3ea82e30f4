using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Bench.Api;

/// <summary>The least an ASP.NET Core server can do for the same request: the ceiling for Switchboard's throughput.</summary>
internal static class MinimalEndpoint
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/api/commands", () => Results.Ok(new { text = "ok" }));
        var secret = Encoding.UTF8.GetBytes(app.Configuration[GitHubDelivery.SecretSetting] ?? "");
        app.MapPost("/hooks/github", async (HttpRequest request) =>
            await VerifiesAsync(request, secret) ? Results.StatusCode(StatusCodes.Status202Accepted) : Results.Unauthorized());
        var slackSecret = Encoding.UTF8.GetBytes(app.Configuration[SlashCommands.SecretSetting] ?? "");
        app.MapPost("/slack/commands", async (HttpRequest request) =>
            await SlackVerifiesAsync(request, slackSecret) ? Results.Ok() : Results.Unauthorized());
        app.MapPost(SlashCommands.ResponsePath + "/{number}", () => Results.Ok());
        await app.RunAsync();
    }

    /// <summary>Slack's <c>v0</c> scheme and nothing more: the HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>, compared in constant time.</summary>
    private static async Task<bool> SlackVerifiesAsync(HttpRequest request, byte[] secret)
    {
        using var body = new MemoryStream();
        var prefix = Encoding.UTF8.GetBytes($"v0:{request.Headers[SlashCommands.TimestampHeader]}:");
        body.Write(prefix);
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        return Claimed(request.Headers[SlashCommands.SignatureHeader].ToString(), "v0=") is { } claimed
            && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, body.GetBuffer().AsSpan(0, (int)body.Length)), claimed);
    }

    /// <summary>GitHub's scheme and nothing more: the HMAC-SHA256 of the body, compared in constant time.</summary>
    private static async Task<bool> VerifiesAsync(HttpRequest request, byte[] secret)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        return Claimed(request.Headers[GitHubDelivery.SignatureHeader].ToString(), GitHubDelivery.SignaturePrefix) is { } claimed
            && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, body.GetBuffer().AsSpan(0, (int)body.Length)), claimed);
    }

    /// <summary>The hex digest after the scheme's prefix; null when the header is not of that shape.</summary>
    private static byte[]? Claimed(string header, string prefix)
    {
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(header.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
