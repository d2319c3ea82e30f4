using System.Diagnostics;
using System.Globalization;
using System.Text;
using Switchboard.Core.Errors;
using Switchboard.Core.Parsing;

namespace Switchboard.Core.Commands;

/// <summary>
/// Turns the words after a verb, or a structured request's named values, and the request's secret input
/// into a command's arguments record. Every refusal names the argument at fault and shows the usage; none
/// repeats a secret, or words that may have been meant as one.
/// </summary>
internal static class ArgumentBinder
{
    public static BoundArguments Bind(string verb, CommandSignature signature, IReadOnlyList<Token> tokens, string? secret = null)
    {
        var values = new Dictionary<ArgumentDescriptor, List<string>>();
        var positionals = new List<Token>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Option)
            {
                positionals.Add(token);
                continue;
            }

            var option = signature.Options.FirstOrDefault(o => o.Name == token.Text);
            if (option is null)
            {
                return Refuse(verb, signature, UnknownOption(verb, signature, token.Text));
            }

            if (option.Kind == ArgumentKind.Flag)
            {
                Set(values, option, token.InlineValue ?? "true");
            }
            else if (token.InlineValue is not null)
            {
                Set(values, option, token.InlineValue);
            }
            else if (i + 1 < tokens.Count && tokens[i + 1].Kind != TokenKind.Option)
            {
                Set(values, option, tokens[++i].AsWritten);
            }
            else
            {
                return Refuse(verb, signature, Error.Invalid("core.missing-option-value", $"--{option.Name} needs a value: {option.Help}"));
            }
        }

        var slots = signature.Positionals.ToList();
        var next = 0;
        foreach (var slot in slots)
        {
            if (next >= positionals.Count)
            {
                break;
            }

            values[slot] = [slot.TakesRest
                ? string.Join(' ', positionals.Skip(next).Select(p => p.AsWritten))
                : positionals[next].AsWritten];
            next = slot.TakesRest ? positionals.Count : next + 1;
        }

        if (next < positionals.Count)
        {
            // Someone may have typed the secret on the line: say so without repeating what they typed.
            return Refuse(verb, signature, signature.Secret is { } expected
                ? Error.Invalid("core.too-many-arguments", $"{verb} got more words than it takes, and they were not used. {SecretHint(expected)}")
                : Error.Invalid("core.too-many-arguments", $"'{positionals[next].AsWritten}' is one argument too many for {verb}."));
        }

        return Construct(verb, signature, values, secret);
    }

    public static BoundArguments Bind(string verb, CommandSignature signature, IReadOnlyDictionary<string, string?> named, string? secret = null)
    {
        // Named values must pass what a command line passes: the same length and the same characters.
        if (CommandLineParser.Screen(string.Join(' ', named.Values.Where(v => v is not null).Prepend(verb))) is { } unfit)
        {
            return new BoundArguments(null, null, unfit);
        }

        var values = new Dictionary<ArgumentDescriptor, List<string>>();
        foreach (var (name, value) in named)
        {
            var normalized = ArgumentDescriptor.KebabCase(name.TrimStart('-'));
            var argument = signature.Arguments.FirstOrDefault(a => a.Name == normalized);
            if (argument is null)
            {
                return Refuse(verb, signature, Error.Invalid(
                    "core.unknown-argument", $"{verb} has no argument '{name}'; it takes {Describe(signature)}."));
            }

            if (argument.Kind == ArgumentKind.Secret)
            {
                return Refuse(verb, signature, Error.Invalid(
                    "core.secret-in-arguments", $"<{argument.Name}> is a secret, so it is never one of the arguments, which are part of the command. {SecretHint(argument)}"));
            }

            if (value is not null)
            {
                // A structured request names a repeatable option once, its values separated by commas.
                values[argument] = argument.Repeats
                    ? [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
                    : [value];
            }
        }

        return Construct(verb, signature, values, secret);
    }

    /// <summary>A repeatable option collects every occurrence; any other keeps the last.</summary>
    private static void Set(Dictionary<ArgumentDescriptor, List<string>> values, ArgumentDescriptor option, string value)
    {
        if (option.Repeats && values.TryGetValue(option, out var earlier))
        {
            earlier.Add(value);
        }
        else
        {
            values[option] = [value];
        }
    }

    private static BoundArguments Construct(string verb, CommandSignature signature, Dictionary<ArgumentDescriptor, List<string>> values, string? secret)
    {
        if (secret is not null && signature.Secret is null)
        {
            return Refuse(verb, signature, Error.Invalid("core.unexpected-secret", $"{verb} takes no secret; send one only with a command that asks for it."));
        }

        var parameters = new object?[signature.Arguments.Count];
        for (var i = 0; i < signature.Arguments.Count; i++)
        {
            var argument = signature.Arguments[i];
            if (argument.Kind == ArgumentKind.Secret)
            {
                var (value, refusal) = Secret(verb, argument, secret);
                if (refusal is not null)
                {
                    return Refuse(verb, signature, refusal);
                }

                parameters[i] = value;
                continue;
            }

            if (!values.TryGetValue(argument, out var texts))
            {
                if (argument.IsRequired)
                {
                    return Refuse(verb, signature, Error.Invalid(
                        "core.missing-argument", $"{verb} needs <{argument.Name}>: {argument.Help}"));
                }

                parameters[i] = argument.Kind == ArgumentKind.Flag ? argument.DefaultValue ?? false
                    : argument.Repeats ? Array.Empty<string>()
                    : argument.DefaultValue;
                continue;
            }

            var converted = argument.Repeats ? ConvertEach(argument, texts) : Convert(argument, texts[^1]);
            if (converted.Error is not null)
            {
                return Refuse(verb, signature, converted.Error);
            }

            parameters[i] = converted.Value;
        }

        var arguments = signature.Constructor.Invoke(parameters);
        return new BoundArguments(arguments, CanonicalText(verb, signature, parameters, values.Keys), null);
    }

    private static (string? Value, Error? Error) Secret(string verb, ArgumentDescriptor argument, string? secret)
    {
        var limit = argument.MaxLength > 0 ? argument.MaxLength : CommandLineParser.MaxLength;
        return secret switch
        {
            null or "" when argument.IsRequired => (null, Error.Invalid("core.secret-required", $"{verb} needs <{argument.Name}>: {argument.Help} {SecretHint(argument)}")),
            null or "" => (null, null),
            _ when secret.Length > limit => (null, Error.Invalid("core.argument-too-long", $"<{argument.Name}> may be at most {limit} characters long, not {secret.Length}.")),
            _ when secret.Any(char.IsControl) => (null, Error.Invalid("core.invalid-argument", $"<{argument.Name}> may not hold control characters or line breaks.")),
            _ => (secret, null),
        };
    }

    private static string SecretHint(ArgumentDescriptor secret) =>
        $"<{secret.Name}> is a secret, never typed on the command line: sb reads it from standard input, the API takes it as \"secret\" beside the command, and the web console has a field for it.";

    private static (object? Value, Error? Error) ConvertEach(ArgumentDescriptor argument, List<string> texts)
    {
        foreach (var text in texts)
        {
            if (argument.MaxLength > 0 && text.Length > argument.MaxLength)
            {
                return (null, Error.Invalid("core.argument-too-long", $"Each --{argument.Name} may be at most {argument.MaxLength} characters long, not {text.Length}."));
            }
        }

        return (texts.Distinct(StringComparer.Ordinal).ToArray(), null);
    }

    private static (object? Value, Error? Error) Convert(ArgumentDescriptor argument, string text)
    {
        if (argument.MaxLength > 0 && text.Length > argument.MaxLength)
        {
            return (null, Error.Invalid("core.argument-too-long", $"<{argument.Name}> may be at most {argument.MaxLength} characters long, not {text.Length}."));
        }

        var type = argument.Type;
        if (type == typeof(string))
        {
            return (text, null);
        }

        if (type == typeof(PersonReference))
        {
            return (new PersonReference(text.TrimStart('@')), null);
        }

        if (type == typeof(ChannelReference))
        {
            var name = text.TrimStart('#').ToLowerInvariant();
            return name.Length == 0
                ? (null, Error.Invalid("core.invalid-argument", $"<{argument.Name}> must name a channel, such as #ops."))
                : (new ChannelReference(name), null);
        }

        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return (number, null);
        }

        if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var longNumber))
        {
            return (longNumber, null);
        }

        if (type == typeof(bool) && bool.TryParse(text, out var flag))
        {
            return (flag, null);
        }

        if (type.IsEnum)
        {
            var match = Enum.GetNames(type).FirstOrDefault(n => string.Equals(ArgumentDescriptor.KebabCase(n), text, StringComparison.OrdinalIgnoreCase));
            return match is null
                ? (null, Error.Invalid("core.invalid-argument", $"<{argument.Name}> must be {argument.TypeName}, not '{text}'."))
                : (Enum.Parse(type, match), null);
        }

        return (null, Error.Invalid("core.invalid-argument", $"<{argument.Name}> must be {argument.TypeName}, not '{text}'."));
    }

    private static Error UnknownOption(string verb, CommandSignature signature, string name)
    {
        var options = signature.Options.Select(o => "--" + o.Name).ToList();
        return Error.Invalid(
            "core.unknown-option",
            options.Count == 0
                ? $"{verb} takes no options, and --{name} is not one."
                : $"{verb} has no option --{name}; it has {string.Join(", ", options)}.");
    }

    private static string Describe(CommandSignature signature) =>
        signature.Arguments.Count == 0 ? "no arguments" : string.Join(", ", signature.Arguments.Select(a => a.Name));

    private static BoundArguments Refuse(string verb, CommandSignature signature, Error error) =>
        new(null, null, error with { Detail = $"{error.Detail} Usage: {signature.UsageFor(verb)}" });

    /// <summary>
    /// The command line rebuilt from the bound values, so that every spelling of one command (<c>@alice</c>
    /// or <c>alice</c>, <c>LEAD</c> or <c>lead</c>, text or structured) gives one text, which parses back.
    /// </summary>
    private static string CanonicalText(string verb, CommandSignature signature, object?[] values, IEnumerable<ArgumentDescriptor> given)
    {
        var text = new StringBuilder(verb);
        var present = given.ToHashSet();
        for (var i = 0; i < signature.Arguments.Count; i++)
        {
            var argument = signature.Arguments[i];
            if (!present.Contains(argument))
            {
                continue;
            }

            if (values[i] is IReadOnlyList<string> repeated)
            {
                foreach (var item in repeated)
                {
                    text.Append(" --").Append(argument.Name).Append(' ').Append(Quote(item));
                }

                continue;
            }

            var value = argument.IsSecret ? "***" : Written(values[i]);
            text.Append(' ');
            text.Append(argument.Kind switch
            {
                ArgumentKind.Positional => value,
                ArgumentKind.Option => $"--{argument.Name} {value}",
                ArgumentKind.Flag => $"--{argument.Name}={value}",
                ArgumentKind.Secret => throw new UnreachableException("A secret input is never among the values given on the line."),
            });
        }

        return text.ToString();
    }

    private static string Written(object? value) => value switch
    {
        PersonReference person when !person.Value.Contains('@', StringComparison.Ordinal) && !person.Value.Any(char.IsWhiteSpace) => "@" + person.Value,
        PersonReference person => Quote(person.Value),
        ChannelReference channel => "#" + channel.Name,
        Enum choice => ArgumentDescriptor.KebabCase(choice.ToString()),
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value?.ToString() ?? ""),
    };

    private static string Quote(string value) =>
        value.Length > 0 && !value.StartsWith("--", StringComparison.Ordinal) && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '“' or '‘' or '\\')
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

/// <param name="Arguments">The arguments record, when binding worked.</param>
/// <param name="CanonicalText">The command line rebuilt from the bound values, secrets redacted and secret inputs left out: what the audit trail records.</param>
internal sealed record BoundArguments(object? Arguments, string? CanonicalText, Error? Error);
