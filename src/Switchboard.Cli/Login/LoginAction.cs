using Switchboard.Cli.Api;
using Switchboard.Cli.Configuration;

namespace Switchboard.Cli.Login;

/// <summary>
/// <c>sb login &lt;url&gt; --token &lt;token&gt;</c>: asks the server who the token belongs to, and keeps
/// the pair only if the server accepts it, so a typo never becomes the stored login.
/// </summary>
internal static class LoginAction
{
    public static async Task<int> RunAsync(string url, string? tokenOption, CancellationToken cancellationToken)
    {
        var token = await TokenSource.ReadAsync(tokenOption, cancellationToken) ?? "";
        if (!ServerAddress.TryParse(url, out var server))
        {
            await Console.Error.WriteLineAsync($"'{url}' is not a server address: give it with its scheme, such as https://switchboard.example.com.");
            return ExitCodes.BadInput;
        }

        if (token.Length == 0)
        {
            await Console.Error.WriteLineAsync($"No token: give --token <token> (or --token - to read it from standard input), or set {Connection.TokenVariable}.");
            return ExitCodes.BadInput;
        }

        if (!Connection.IsWellFormed(token))
        {
            await Console.Error.WriteLineAsync("The token has characters that no Switchboard token has; copy it again.");
            return ExitCodes.BadInput;
        }

        if (ServerAddress.IsUnencryptedRemote(server))
        {
            await Console.Error.WriteLineAsync($"Warning: {server} is plain http, so the token crosses the network unencrypted.");
        }

        using var client = new SwitchboardClient(new Connection(server, token), SwitchboardClient.DefaultTimeout);
        return await ServerCall.GuardAsync(client, async () =>
        {
            var whoami = await client.RunAsync("whoami", idempotencyKey: null, secret: null, cancellationToken);
            if (!whoami.IsSuccess)
            {
                var refusal = whoami.ExitCode == ExitCodes.Refused ? "The server refused the token, so it was not stored" : "Could not check the token, so it was not stored";
                await Console.Error.WriteLineAsync($"{refusal}. {whoami.Problem()}");
                return whoami.ExitCode;
            }

            var who = CommandReply.Parse(whoami.Body).Text.Split('\n')[0];
            await ConfigFile.WriteAsync(new StoredLogin(server.ToString(), token), cancellationToken);
            Console.WriteLine($"Signed in to {server} as {who}. Saved in {ConfigFile.FilePath}.");
            return ExitCodes.Ok;
        }, cancellationToken);
    }
}
