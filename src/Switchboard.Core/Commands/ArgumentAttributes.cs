namespace Switchboard.Core.Commands;

/// <summary>A positional argument of a command, in the order of the record's parameters.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ArgumentAttribute(string help) : Attribute
{
    public string Help { get; } = help;

    /// <summary>Takes every remaining word, as the text of <c>say #ops the build is green</c>.</summary>
    public bool TakesRest { get; init; }

    /// <summary>Redacted in the audit trail.</summary>
    public bool IsSecret { get; init; }

    /// <summary>The most characters a value may have; 0 for no limit beyond the line's own.</summary>
    public int MaxLength { get; init; }
}

/// <summary>A <c>--name value</c> option, or a <c>--flag</c> when the parameter is a <see cref="bool"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OptionAttribute(string help) : Attribute
{
    public string Help { get; } = help;

    /// <summary>Redacted in the audit trail.</summary>
    public bool IsSecret { get; init; }

    /// <summary>The most characters a value may have; 0 for no limit beyond the line's own.</summary>
    public int MaxLength { get; init; }
}

/// <summary>
/// A secret the command takes from the request's secret input, never from its words: sb reads it from
/// standard input, the API from <c>"secret"</c> beside the command, the console from a password field.
/// It is in no command line, audit entry, idempotency fingerprint or log. A command takes at most one.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class SecretInputAttribute(string help) : Attribute
{
    public string Help { get; } = help;

    /// <summary>The most characters the secret may have; 0 for the length of a command line.</summary>
    public int MaxLength { get; init; }
}

/// <summary>A person named in a command: <c>@handle</c>, an e-mail address or a name.</summary>
public readonly record struct PersonReference(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A channel named in a command: <c>#ops</c> or <c>ops</c> (shells eat <c>#</c>).</summary>
public readonly record struct ChannelReference(string Name)
{
    public override string ToString() => "#" + Name;
}
