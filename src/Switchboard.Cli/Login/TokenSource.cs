using Switchboard.Cli.Configuration;

namespace Switchboard.Cli.Login;

/// <summary>
/// Where <c>sb login</c> takes the token from: <c>--token swb_...</c>, <c>--token -</c> for standard input,
/// or <c>SWITCHBOARD_TOKEN</c>. The last two keep it out of the shell's history.
/// </summary>
internal static class TokenSource
{
    public static async Task<string?> ReadAsync(string? option, CancellationToken cancellationToken) => option switch
    {
        "-" => (await Console.In.ReadLineAsync(cancellationToken))?.Trim(),
        { Length: > 0 } => option.Trim(),
        _ => Environment.GetEnvironmentVariable(Connection.TokenVariable)?.Trim(),
    };
}
