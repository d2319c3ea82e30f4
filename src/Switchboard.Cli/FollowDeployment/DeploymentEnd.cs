using System.Text.Json;

namespace Switchboard.Cli.FollowDeployment;

/// <summary>The <c>end</c> event's data: the final state, a summary a person reads, and the failure's code.</summary>
internal sealed record DeploymentEnd(string State, string Summary, string? Code, string Json)
{
    public bool Succeeded => State == "succeeded";

    /// <exception cref="JsonException">The data is not the end of a deployment.</exception>
    public static DeploymentEnd Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || StringOf(root, "state") is not { } state)
        {
            throw new JsonException("The end event has no \"state\".");
        }

        return new DeploymentEnd(state, StringOf(root, "summary") ?? state, StringOf(root, "code"), json);
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
