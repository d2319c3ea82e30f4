namespace Switchboard.Core.Commands;

/// <summary>
/// The assurance a command needs, decided from its bound arguments before the handler runs, so that a
/// production deploy can need a second factor while a staging deploy does not, and for how long a
/// second factor counts for it.
/// </summary>
public sealed class AssurancePolicy
{
    private readonly Func<object, AssuranceRequirement> _requirementFor;

    private AssurancePolicy(Func<object, AssuranceRequirement> requirementFor) => _requirementFor = requirementFor;

    public static AssurancePolicy Identified { get; } = Always(AssuranceRequirement.Identified);

    /// <summary>A second factor within the installation's verification lifetime (<c>Trust:VerificationLifetime</c>).</summary>
    public static AssurancePolicy Verified { get; } = Always(AssuranceRequirement.Verified);

    /// <summary>Each run spends a second factor of its own: a second run needs a new <c>verify</c>.</summary>
    public static AssurancePolicy VerifiedOnce { get; } = Always(AssuranceRequirement.VerifiedOnce);

    /// <summary>
    /// Verified once the person has a second factor; identified until then, so that a person can
    /// enroll their first factor, and nobody holding only their chat account can add another.
    /// </summary>
    public static AssurancePolicy VerifiedOnceEnrolled { get; } = Always(AssuranceRequirement.VerifiedOnceEnrolled);

    /// <summary>A second factor no older than <paramref name="lifetime"/>.</summary>
    public static AssurancePolicy VerifiedWithin(TimeSpan lifetime) => Always(AssuranceRequirement.Verified with { Lifetime = lifetime });

    public static AssurancePolicy FromArguments<TArguments>(Func<TArguments, AssuranceLevel> levelFor) =>
        new(arguments => levelFor((TArguments)arguments) == AssuranceLevel.Verified ? AssuranceRequirement.Verified : AssuranceRequirement.Identified);

    public static AssurancePolicy FromArguments<TArguments>(Func<TArguments, AssuranceRequirement> requirementFor) =>
        new(arguments => requirementFor((TArguments)arguments));

    public AssuranceRequirement RequirementFor(object arguments) => _requirementFor(arguments);

    private static AssurancePolicy Always(AssuranceRequirement requirement) => new(_ => requirement);
}

/// <summary>What one run of a command needs: a level and, for <see cref="AssuranceLevel.Verified"/>, how fresh.</summary>
/// <param name="Lifetime">How long ago the second factor may have been passed; null for the installation's default.</param>
/// <param name="IsOneUse">The run spends the verification, so the next run needs a new one.</param>
/// <param name="AppliesOnlyOnceEnrolled">A person with no second factor yet runs it as identified.</param>
public sealed record AssuranceRequirement(AssuranceLevel Level, TimeSpan? Lifetime = null, bool IsOneUse = false, bool AppliesOnlyOnceEnrolled = false)
{
    public static AssuranceRequirement Identified { get; } = new(AssuranceLevel.Identified);

    public static AssuranceRequirement Verified { get; } = new(AssuranceLevel.Verified);

    public static AssuranceRequirement VerifiedOnce { get; } = new(AssuranceLevel.Verified, IsOneUse: true);

    public static AssuranceRequirement VerifiedOnceEnrolled { get; } = new(AssuranceLevel.Verified, AppliesOnlyOnceEnrolled: true);
}
