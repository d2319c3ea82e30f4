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
        await app.RunAsync();
    }

    /// <summary>GitHub's scheme and nothing more: the HMAC-SHA256 of the body, compared in constant time.</summary>
    private static async Task<bool> VerifiesAsync(HttpRequest request, byte[] secret)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var header = request.Headers[GitHubDelivery.SignatureHeader].ToString();
        if (!header.StartsWith(GitHubDelivery.SignaturePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(GitHubDelivery.SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, body.GetBuffer().AsSpan(0, (int)body.Length)), claimed);
    }
}
