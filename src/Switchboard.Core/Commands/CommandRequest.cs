namespace Switchboard.Core.Commands;

/// <summary>A command as a front end received it: a line of text, or a verb with named arguments.</summary>
/// <param name="Text">As a person types it: <c>team add ops @alice --role lead</c>.</param>
/// <param name="Command">The verb of a structured request, with <paramref name="Arguments"/> by name.</param>
/// <param name="IdempotencyKey">Runs the command once per key and person; repeats get the first reply.</param>
public sealed record CommandRequest(
    string? Text,
    string? Command = null,
    IReadOnlyDictionary<string, string?>? Arguments = null,
    string? IdempotencyKey = null);
