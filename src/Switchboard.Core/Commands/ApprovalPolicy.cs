namespace Switchboard.Core.Commands;

/// <summary>
/// Whether a run of a command needs a second person's approval, decided from its bound arguments like its
/// assurance, so that a deploy to production can need one and a deploy to staging not. The installation may
/// require approval of any command on top (<c>Trust:Approvals:Commands</c>).
/// </summary>
public sealed class ApprovalPolicy
{
    private readonly Func<object, ApprovalRequirement?> _requirementFor;

    private ApprovalPolicy(Func<object, ApprovalRequirement?> requirementFor) => _requirementFor = requirementFor;

    public static ApprovalPolicy None { get; } = new(_ => null);

    public static ApprovalPolicy FromArguments<TArguments>(Func<TArguments, ApprovalRequirement?> requirementFor) =>
        new(arguments => requirementFor((TArguments)arguments));

    public ApprovalRequirement? RequirementFor(object arguments) => _requirementFor(arguments);
}

/// <summary>Another person, holding <paramref name="Role"/> or a role above it in <paramref name="Team"/>, must approve the run.</summary>
/// <param name="Role"><c>member</c>, <c>lead</c> or <c>admin</c> (<see cref="TeamRoles"/>).</param>
/// <param name="Team">
/// The owning team; when null, the team the command's permission names for this use, else the team that owns
/// the command's module.
/// </param>
public sealed record ApprovalRequirement(string Role, string? Team = null);
