using System.Text.Json;

namespace Switchboard.Cli.Api;

/// <summary>An <c>application/problem+json</c> answer; clients switch on <see cref="Code"/>, people read the rest.</summary>
internal sealed record ApiProblem(string Title, string? Detail, string? Code)
{
    public static ApiProblem From(ApiResponse response)
    {
        var fallbackTitle = $"{(int)response.Status} {response.ReasonPhrase}".TrimEnd();
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? new ApiProblem(StringOf(root, "title") ?? fallbackTitle, StringOf(root, "detail"), StringOf(root, "code"))
                : new ApiProblem(fallbackTitle, null, null);
        }
        catch (JsonException)
        {
            // A proxy or load balancer in front of the server may answer with HTML; the status still says enough.
            return new ApiProblem(fallbackTitle, null, null);
        }
    }

    /// <summary><c>&lt;title&gt;: &lt;detail&gt; (&lt;code&gt;)</c>, leaving out what the server did not send.</summary>
    public override string ToString() =>
        Title + (Detail is { Length: > 0 } ? ": " + Detail : "") + (Code is { Length: > 0 } ? $" ({Code})" : "");

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
