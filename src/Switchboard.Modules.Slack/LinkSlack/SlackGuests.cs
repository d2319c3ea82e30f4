using Switchboard.Modules.Slack.WebApi;

namespace Switchboard.Modules.Slack.LinkSlack;

/// <summary>
/// Asks Slack's <c>users.info</c> whether someone is a guest (<c>is_restricted</c>: a multi-channel guest,
/// <c>is_ultra_restricted</c>: a single-channel one). Nothing in a slash command says so.
/// https://docs.slack.dev/reference/methods/users.info
/// </summary>
internal sealed class SlackGuests(SlackWebApi slack)
{
    /// <returns>Whether the user is a guest, or null when Slack did not say (no bot token, an error).</returns>
    public async Task<bool?> IsGuestAsync(string userId, CancellationToken cancellationToken) =>
        await slack.UserInfoAsync(userId, cancellationToken) is { Value: { } user }
            ? user.IsRestricted || user.IsUltraRestricted
            : null;
}
