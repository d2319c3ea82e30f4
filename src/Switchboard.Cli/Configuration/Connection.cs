using System.Text;
using System.Text.Json;

namespace Switchboard.Cli.Configuration;

/// <summary>The server to talk to and the token to send: the stored login, with the environment's values on top.</summary>
internal sealed record Connection(Uri Server, string Token)
{
    public const string UrlVariable = "SWITCHBOARD_URL";
    public const string TokenVariable = "SWITCHBOARD_TOKEN";

    /// <returns>The connection, or why there is none, in words for the person at the terminal.</returns>
    public static async Task<(Connection? Connection, string? Problem)> ResolveAsync(CancellationToken cancellationToken)
    {
        StoredLogin? stored;
        try
        {
            stored = await ConfigFile.ReadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, $"Could not read {ConfigFile.FilePath} ({exception.Message}); run 'sb login' again.");
        }

        var url = Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : stored?.Url;
        var token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } tokenFromEnvironment ? tokenFromEnvironment : stored?.Token;
        if (url is null || token is null)
        {
            return (null, $"Not signed in: run 'sb login <url> --token <token>', or set {UrlVariable} and {TokenVariable}.");
        }

        if (!IsWellFormed(token))
        {
            return (null, $"The token has characters that no Switchboard token has; check {TokenVariable} or run 'sb login' again.");
        }

        return ServerAddress.TryParse(url, out var server)
            ? (new Connection(server, token), null)
            : (null, $"'{url}' is not a server address: give it with its scheme, such as https://switchboard.example.com.");
    }

    /// <summary>Printable ASCII without spaces: anything else would break the header, and the error could quote the token.</summary>
    public static bool IsWellFormed(string token) => token.Length > 0 && token.All(c => c is > ' ' and <= '~');

    // A record prints every member; the token must never reach a terminal or a log, even by accident.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Server = ").Append(Server);
        return true;
    }
}
