using System.Text;

namespace Switchboard.Cli.RunCommand;

/// <summary>
/// A command's secret, from standard input: typed at a terminal without being shown, or the first line of
/// whatever is piped in. It never comes from sb's arguments, which the shell's history and <c>ps</c> keep.
/// </summary>
internal static class SecretInput
{
    public static async Task<string?> ReadAsync(string command, CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected)
        {
            return (await Console.In.ReadLineAsync(cancellationToken))?.Trim();
        }

        await Console.Error.WriteAsync($"'{command}' needs a secret; paste it and press Enter (it is not shown): ");
        var secret = ReadWithoutEcho();
        await Console.Error.WriteLineAsync();
        return secret.Trim();
    }

    private static string ReadWithoutEcho()
    {
        var typed = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        return typed.ToString();
    }
}
