using System.CommandLine.Completions;
using System.Text.Json;
using Switchboard.Cli.Api;
using Switchboard.Cli.Configuration;

namespace Switchboard.Cli.RunCommand;

/// <summary>
/// Completes command words from the server's catalogue (<c>GET /api/commands</c>), for shells set up with
/// <c>dotnet-suggest</c>. A shell waits on this synchronously, so it gives up quickly and quietly.
/// </summary>
internal static class CommandCompletions
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    public static IEnumerable<CompletionItem> Suggest(CompletionContext context, IReadOnlyList<string> typed)
    {
        var before = typed.Count > 0 && typed[^1] == context.WordToComplete ? typed.Take(typed.Count - 1).ToList() : typed.ToList();
        return before.Count > 1
            ? []
            : VerbsAsync(CancellationToken.None).GetAwaiter().GetResult()
                .Select(verb => verb.Words)
                .Where(words => words.Length > before.Count && words.Take(before.Count).SequenceEqual(before, StringComparer.OrdinalIgnoreCase))
                .Select(words => words[before.Count])
                .Where(word => word.StartsWith(context.WordToComplete, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(word => new CompletionItem(word));
    }

    private static async Task<IReadOnlyList<(string[] Words, string Summary)>> VerbsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (connection, _) = await Connection.ResolveAsync(cancellationToken);
            if (connection is null)
            {
                return [];
            }

            using var client = new SwitchboardClient(connection, Patience);
            var response = await client.ListCommandsAsync(cancellationToken);
            if (!response.IsSuccess)
            {
                return [];
            }

            using var catalogue = JsonDocument.Parse(response.Body);
            return catalogue.RootElement.EnumerateArray()
                .Select(command => (command.GetProperty("verb").GetString()!.Split(' '), command.GetProperty("summary").GetString() ?? ""))
                .ToList();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            // No completions is the right answer when the server cannot give them: the shell shows nothing.
            return [];
        }
    }
}
