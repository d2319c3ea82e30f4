using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Modules.Slack.Inbound;

namespace Switchboard.Modules.Slack.LinkSlack;

/// <summary>
/// <c>/sb link &lt;code&gt;</c>: the code <c>rolodex link slack</c> gave someone, sent back in a request Slack signed
/// for one account, proves that account is theirs. Knowing someone's Slack id proves nothing; a person from
/// another organisation (Slack Connect) or a guest is never linked this way, only by an admin's assertion.
/// </summary>
internal sealed class LinkSlackAccount(IIdentityLinkCodes codes, SlackGuests guests)
{
    public const string Verb = "link";

    public async Task<Reply> LinkAsync(SlackRequest request, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return SlackAnswers.Of(Error.Invalid(
                "slack.link-code-missing", "Send the code with it: `/sb link <code>`. `rolodex link slack` in the console or with sb gives you one."));
        }

        if (request.IsExternal)
        {
            return SlackAnswers.Of(Error.Forbidden(
                "slack.link-external",
                "Your Slack account belongs to another organisation (Slack Connect), so a code cannot link it. A Switchboard admin can, with `rolodex link slack <user id> --workspace <team id> --for <person>`."));
        }

        // Fails closed: when Slack cannot say the person is a full member, they are not linked by code.
        var isGuest = await guests.IsGuestAsync(request.UserId, cancellationToken);
        if (isGuest is not false)
        {
            return SlackAnswers.Of(isGuest is true
                ? Error.Forbidden(
                    "slack.link-guest",
                    "Guests of the workspace cannot link their Slack account by code. A Switchboard admin can, with `rolodex link slack <user id> --workspace <team id> --for <person>`.")
                : Error.Unavailable(
                    "slack.link-unchecked",
                    "Slack did not say whether your account is a guest's, so it was not linked; try again in a moment, or ask an admin to link it."));
        }

        var proof = await codes.RedeemAsync(code.Trim(), new ServiceIdentity(SlackRequest.Source, request.UserTeam, request.UserId), cancellationToken);
        return proof.Person is { } person
            ? Reply.Text($"Linked: this Slack account is now @{person.Handle}'s, proven by Slack. Commands you send here run as you; try `/sb whoami`.", Severity.Success)
            : SlackAnswers.Of(proof.Error!);
    }
}
