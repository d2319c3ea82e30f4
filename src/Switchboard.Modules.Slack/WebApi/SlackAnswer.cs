using Switchboard.Core.Errors;

namespace Switchboard.Modules.Slack.WebApi;

/// <summary>
/// What one Web API call came to: the value, or an <see cref="Error"/> with Slack's own code beside it and,
/// when Slack rate-limited the call, how long it asked to wait. The client never retries; the caller decides.
/// </summary>
/// <param name="SlackError">Slack's <c>error</c> (<c>channel_not_found</c>), or null when Slack gave none.</param>
/// <param name="RetryAfter">Slack's <c>Retry-After</c> on HTTP 429.</param>
/// <param name="Unanswered">
/// True when the request may have been carried out but no answer came (a time-out, a dropped connection): a
/// post may be in the channel already.
/// </param>
internal sealed record SlackAnswer<T>(T? Value, Error? Error, string? SlackError, TimeSpan? RetryAfter, bool Unanswered)
{
    public bool IsSuccess => Error is null;

    public static SlackAnswer<T> Success(T value) => new(value, null, null, null, false);

    public static SlackAnswer<T> Failed(Error error, string? slackError = null, TimeSpan? retryAfter = null, bool unanswered = false) =>
        new(default, error, slackError, retryAfter, unanswered);

    public SlackAnswer<TOther> As<TOther>() => new(default, Error, SlackError, RetryAfter, Unanswered);
}
