using System.Reflection;
using System.Text;

namespace Switchboard.Core.Commands;

/// <summary>The arguments a command takes, read once from its arguments record's constructor.</summary>
public sealed class CommandSignature
{
    private CommandSignature(ConstructorInfo constructor, IReadOnlyList<ArgumentDescriptor> arguments)
    {
        Constructor = constructor;
        Arguments = arguments;
    }

    public IReadOnlyList<ArgumentDescriptor> Arguments { get; }

    public IEnumerable<ArgumentDescriptor> Positionals => Arguments.Where(a => a.Kind == ArgumentKind.Positional);

    public IEnumerable<ArgumentDescriptor> Options => Arguments.Where(a => a.Kind is ArgumentKind.Option or ArgumentKind.Flag);

    /// <summary>The secret the command takes from the request's secret input, if it takes one.</summary>
    public ArgumentDescriptor? Secret => Arguments.SingleOrDefault(a => a.Kind == ArgumentKind.Secret);

    internal ConstructorInfo Constructor { get; }

    public static CommandSignature For(Type argumentsType)
    {
        var constructor = argumentsType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(ArgumentDescriptor.For).ToList();
        var rest = arguments.FindIndex(a => a.TakesRest);
        if (rest >= 0 && arguments.Skip(rest + 1).Any(a => a.Kind == ArgumentKind.Positional))
        {
            throw new InvalidOperationException($"{argumentsType.Name}: an argument that takes the rest of the line must be the last positional one.");
        }

        if (arguments.Count(a => a.Kind == ArgumentKind.Secret) > 1)
        {
            throw new InvalidOperationException($"{argumentsType.Name}: a command takes at most one secret input.");
        }

        return new CommandSignature(constructor, arguments);
    }

    /// <summary>
    /// The usage line for help: <c>team add &lt;team&gt; &lt;person&gt; [--role &lt;role&gt;]</c>. A secret input
    /// is left out, because it is never typed on the line.
    /// </summary>
    public string UsageFor(string verb)
    {
        var usage = new StringBuilder(verb);
        foreach (var argument in Arguments.Where(a => a.Kind != ArgumentKind.Secret))
        {
            usage.Append(' ').Append(argument.Usage);
        }

        return usage.ToString();
    }
}

public enum ArgumentKind
{
    Positional,
    Option,
    Flag,

    /// <summary>Taken from the request's secret input, never from the words of the command.</summary>
    Secret,
}

/// <param name="Name">As written in commands and structured requests: kebab case, <c>--time-zone</c>.</param>
/// <param name="TypeName">For schemas: <c>string</c>, <c>integer</c>, <c>boolean</c>, <c>person</c>, <c>channel</c>, or <c>one of a|b</c>.</param>
public sealed record ArgumentDescriptor(
    string Name,
    ArgumentKind Kind,
    string TypeName,
    bool IsRequired,
    bool TakesRest,
    bool IsSecret,
    string Help,
    Type Type,
    object? DefaultValue,
    int MaxLength)
{
    /// <summary>An option that may be given more than once, <c>--repo a --repo b</c>, bound to a list of strings.</summary>
    public bool Repeats => Type == typeof(IReadOnlyList<string>);

    public string Usage
    {
        get
        {
            var placeholder = $"<{Name}{(TakesRest ? "..." : "")}>";
            var written = Kind switch
            {
                ArgumentKind.Positional => placeholder,
                ArgumentKind.Option => $"--{Name} {placeholder}",
                ArgumentKind.Flag => $"--{Name}",
                ArgumentKind.Secret => $"{placeholder} (secret input)",
            };
            return IsRequired ? written : $"[{written}]{(Repeats ? "..." : "")}";
        }
    }

    internal static ArgumentDescriptor For(ParameterInfo parameter)
    {
        var argument = parameter.GetCustomAttribute<ArgumentAttribute>();
        var option = parameter.GetCustomAttribute<OptionAttribute>();
        var secret = parameter.GetCustomAttribute<SecretInputAttribute>();
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var kind = secret is not null ? ArgumentKind.Secret
            : option is null ? ArgumentKind.Positional
            : type == typeof(bool) ? ArgumentKind.Flag
            : ArgumentKind.Option;
        var isNullable = new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;
        var isRequired = kind is ArgumentKind.Positional or ArgumentKind.Secret && !parameter.HasDefaultValue && !isNullable;
        if (argument is null && option is null && secret is null)
        {
            throw new InvalidOperationException(
                $"{parameter.Member.DeclaringType?.Name}.{parameter.Name} needs [Argument], [Option] or [SecretInput] to say what it is for.");
        }

        if (secret is not null && (argument is not null || option is not null || type != typeof(string)))
        {
            throw new InvalidOperationException(
                $"{parameter.Member.DeclaringType?.Name}.{parameter.Name}: a [SecretInput] is a string, and neither an [Argument] nor an [Option].");
        }

        if (option is null && type == typeof(IReadOnlyList<string>))
        {
            throw new InvalidOperationException(
                $"{parameter.Member.DeclaringType?.Name}.{parameter.Name}: only an [Option] can repeat; a positional list is a TakesRest string.");
        }

        return new ArgumentDescriptor(
            Name: KebabCase(parameter.Name!),
            Kind: kind,
            TypeName: TypeNameOf(type),
            IsRequired: isRequired,
            TakesRest: argument?.TakesRest ?? false,
            IsSecret: secret is not null || (argument?.IsSecret ?? option?.IsSecret ?? false),
            Help: argument?.Help ?? option?.Help ?? secret!.Help,
            Type: type,
            DefaultValue: parameter.HasDefaultValue ? parameter.DefaultValue : null,
            MaxLength: argument?.MaxLength ?? option?.MaxLength ?? secret!.MaxLength);
    }

    private static string TypeNameOf(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "integer",
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(PersonReference) => "person",
        _ when type == typeof(ChannelReference) => "channel",
        _ when type.IsEnum => "one of " + string.Join('|', Enum.GetNames(type).Select(KebabCase)),
        _ when type == typeof(IReadOnlyList<string>) => "list of string",
        _ => "string",
    };

    internal static string KebabCase(string name)
    {
        var kebab = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(name[i]));
        }

        return kebab.ToString();
    }
}
