using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Trust.Factors;

namespace Switchboard.Modules.Trust.EnrollDuo;

/// <summary>
/// <c>factors enroll duo</c>: sends a push to the phone of the person's Duo account (the Rolodex's, vouched for by an
/// administrator) and enrolls Duo push once they approve it. The reply comes when they have answered.
/// </summary>
internal sealed class EnrollDuoCommand(DuoPushes pushes) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "factors enroll duo",
        Summary: "Enroll Duo push: approve the push Duo sends to your phone, then `verify push` passes a second factor.",
        Permission: TrustPermissions.OwnFactors,
        Examples: [])
    {
        Variants = ["factors enroll duo"],
        Assurance = AssurancePolicy.VerifiedOnceEnrolled,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken) =>
        await pushes.EnrollAsync(actor.PersonId, cancellationToken) is { } error
            ? error
            : Reply.Text("Enrolled Duo push. When a command needs a second factor, run `verify push` and approve it on your phone.", Severity.Success);
}
