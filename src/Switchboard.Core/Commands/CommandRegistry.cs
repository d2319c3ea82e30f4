using Switchboard.Core.Errors;
using Switchboard.Core.Parsing;

namespace Switchboard.Core.Commands;

/// <summary>Every command of every module, found by its verb words.</summary>
public sealed class CommandRegistry
{
    private readonly Dictionary<string, CommandRegistration> _byVerb;

    public CommandRegistry(IEnumerable<CommandRegistration> registrations)
    {
        Commands = registrations.ToList();
        _byVerb = new Dictionary<string, CommandRegistration>(StringComparer.Ordinal);
        foreach (var registration in Commands)
        {
            if (!_byVerb.TryAdd(registration.Verb, registration))
            {
                throw new InvalidOperationException(
                    $"Two commands claim '{registration.Verb}': {_byVerb[registration.Verb].Module.Name} and {registration.Module.Name}.");
            }
        }
    }

    /// <summary>In the order the host and modules registered them, which is the order <c>help</c> tells them.</summary>
    public IReadOnlyList<CommandRegistration> Commands { get; }

    public CommandRegistration? Find(string verb) => _byVerb.GetValueOrDefault(verb.Trim().ToLowerInvariant());

    /// <summary>Finds the command named by the leading words, preferring the longest verb (<c>team create</c> over <c>team</c>).</summary>
    public (CommandRegistration? Command, int WordsUsed, Error? Error) Resolve(IReadOnlyList<Token> tokens)
    {
        var words = tokens.TakeWhile(t => t.Kind == TokenKind.Word).Take(3).Select(t => t.Text.ToLowerInvariant()).ToList();
        if (words.Count == 0)
        {
            return (null, 0, Error.Invalid("core.empty-command", "Type a command, or 'help' to see them all."));
        }

        for (var count = words.Count; count > 0; count--)
        {
            if (_byVerb.TryGetValue(string.Join(' ', words.Take(count)), out var command))
            {
                return (command, count, null);
            }
        }

        return (null, 0, Unknown(words));
    }

    private Error Unknown(List<string> words)
    {
        var subVerbs = Commands.Where(c => c.Verb.StartsWith(words[0] + " ", StringComparison.Ordinal)).Select(c => c.Verb).ToList();
        if (subVerbs.Count > 0)
        {
            return Error.NotFound(
                "core.unknown-command",
                $"'{string.Join(' ', words.Take(2))}' is not a command. {words[0]} has: {string.Join(", ", subVerbs)}.");
        }

        var closest = Commands
            .Select(c => (c.Verb, Distance: Distance.Between(c.Verb, string.Join(' ', words.Take(c.Verb.Count(ch => ch == ' ') + 1)))))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        var suggestion = closest.Verb is not null && closest.Distance <= Math.Max(2, closest.Verb.Length / 3)
            ? $" Did you mean '{closest.Verb}'?"
            : "";
        return Error.NotFound("core.unknown-command", $"'{words[0]}' is not a command.{suggestion} Type 'help' to see them all.");
    }
}
