namespace Switchboard.Core.Commands;

/// <summary>A command as a front end received it: a line of text, or a verb with named arguments.</summary>
/// <param name="Text">As a person types it: <c>team add ops @alice --role lead</c>.</param>
/// <param name="Command">The verb of a structured request, with <paramref name="Arguments"/> by name.</param>
/// <param name="IdempotencyKey">Runs the command once per key and person; repeats get the first reply.</param>
/// <param name="Secret">The command's secret input (a token to keep in the vault), which never travels in its words.</param>
public sealed record CommandRequest(
    string? Text,
    string? Command = null,
    IReadOnlyDictionary<string, string?>? Arguments = null,
    string? IdempotencyKey = null,
    string? Secret = null)
{
    // A record prints every member, and a request may end up in a log or an exception message.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Text = ").Append(Text).Append(", Command = ").Append(Command)
            .Append(", IdempotencyKey = ").Append(IdempotencyKey).Append(", Secret = ").Append(Secret is null ? "none" : "***");
        return true;
    }
}
