using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Modules.Slack.WebApi;

namespace Switchboard.Modules.Slack.Rendering;

/// <summary>
/// Finds, for the <c>@handle</c>s a reply names, the Slack accounts of those whose link to Slack is proven, so the
/// renderer can mention them for real (<c>&lt;@U123&gt;</c>). Slack finds the account by the person's e-mail address and
/// the Rolodex confirms it is theirs; anyone else stays plain text, so a mention never pings a stranger.
/// </summary>
internal sealed class SlackMentions(IPersonDirectory people, SlackDirectory directory)
{
    public const string Service = "slack";

    /// <returns>Slack user ids by lower-case handle.</returns>
    public async Task<IReadOnlyDictionary<string, string>> ForAsync(Reply reply, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var handle in Mrkdwn.Handles(reply).Take(20))
        {
            // Someone with no proven Slack account is never mentioned, so Slack need not be asked about them.
            if (await people.FindAsync(handle, cancellationToken) is not { IsDisabled: false } person
                || await people.ProvenIdentitiesAsync(person.Id, Service, cancellationToken) is not { Count: > 0 } proven
                || await directory.UserByEmailAsync(person.Email, cancellationToken) is not { Value: { Deleted: false } user })
            {
                continue;
            }

            if (proven.Any(p => p.Identity == new ServiceIdentity(Service, user.TeamId, user.Id)))
            {
                found[handle] = user.Id;
            }
        }

        return found;
    }
}
