namespace Switchboard.Core.Commands;

/// <summary>
/// The assurance a command needs, decided from its bound arguments before the handler runs, so that a
/// production deploy can need a second factor while a staging deploy does not.
/// </summary>
public sealed class AssurancePolicy
{
    private readonly Func<object, AssuranceLevel> _levelFor;

    private AssurancePolicy(Func<object, AssuranceLevel> levelFor) => _levelFor = levelFor;

    public static AssurancePolicy Identified { get; } = new(_ => AssuranceLevel.Identified);

    public static AssurancePolicy Verified { get; } = new(_ => AssuranceLevel.Verified);

    public static AssurancePolicy FromArguments<TArguments>(Func<TArguments, AssuranceLevel> levelFor) =>
        new(arguments => levelFor((TArguments)arguments));

    public AssuranceLevel RequiredFor(object arguments) => _levelFor(arguments);
}
