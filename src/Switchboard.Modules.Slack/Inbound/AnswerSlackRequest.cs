using Microsoft.Extensions.Logging;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Modules.Slack.Forms;
using Switchboard.Modules.Slack.LinkSlack;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// Decides what a request from Slack gets: a message holding a token is refused and audited; <c>link</c> proves
/// the account; a person whose Slack account is proven to be theirs runs the command as themselves, once per
/// request (its Slack id is the idempotency key) or per button (the button's own key), or opens its form; anyone
/// else learns how to link.
/// </summary>
internal sealed class AnswerSlackRequest(
    IPersonDirectory people,
    CommandDispatcher dispatcher,
    LinkSlackAccount linking,
    OpenCommandForm forms,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<AnswerSlackRequest> logger)
{
    private static readonly HashSet<string> OpenToEveryone = new(StringComparer.OrdinalIgnoreCase) { "help", "whoami" };

    /// <returns>The reply to post, or null when the answer is a form Slack now shows.</returns>
    public async Task<Reply?> AnswerAsync(SlackRequest request, CancellationToken cancellationToken)
    {
        var identity = new ServiceIdentity(SlackRequest.Source, request.UserTeam, request.UserId);
        var linked = await people.FindByIdentityAsync(identity, cancellationToken);
        if (TokenShapes.KindIn(request.Text) is { } tokenKind)
        {
            return await RefuseTokenAsync(request, tokenKind, linked is { IsProven: true } ? linked.Person.Id : null, cancellationToken);
        }

        var text = request.Text.Length == 0 ? "help" : request.Text;
        var words = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (request is { Button: null, Submission: null } && words[0].Equals(LinkSlackAccount.Verb, StringComparison.OrdinalIgnoreCase))
        {
            return await linking.LinkAsync(request, words.ElementAtOrDefault(1), cancellationToken);
        }

        // A claim is only someone's word that the account is theirs; it lets nobody act through it.
        if (linked is not { IsProven: true })
        {
            return Unlinked(words[0], request);
        }

        var asked = request.Button?.Command ?? text;
        if (request.Submission is null && asked.Split(' ', 2) is [var first, .. var rest] && first.Equals(OpenCommandForm.Verb, StringComparison.OrdinalIgnoreCase))
        {
            return await forms.OpenAsync(request, rest.FirstOrDefault(), cancellationToken);
        }

        var actor = new Actor(linked.Person, FrontEnd.Slack, AssuranceLevel.Identified, ActorAccess.ReadWrite);
        var command = request switch
        {
            { Button: { } button } => new CommandRequest(button.Command, IdempotencyKey: button.IdempotencyKey),
            { Submission: { } form } => new CommandRequest(null, form.Verb, form.Arguments, IdempotencyKey: "slack:" + request.RequestKey),
            _ => new CommandRequest(text, IdempotencyKey: "slack:" + request.RequestKey),
        };
        var result = await dispatcher.DispatchAsync(command, actor, cancellationToken);
        return result.Error is { } error ? Failed(error, asked) : result.Reply!;
    }

    /// <summary>A command that missed an argument offers its form, where every argument has its place.</summary>
    private Reply Failed(Error error, string asked)
    {
        var refusal = SlackAnswers.Of(error);
        return error.Code == "core.missing-argument" && forms.FormButtonFor(asked) is { } button
            ? refusal with { Blocks = [.. refusal.Blocks, new ButtonsBlock([button])] }
            : refusal;
    }

    private static Reply Unlinked(string verb, SlackRequest request)
    {
        if (!OpenToEveryone.Contains(verb))
        {
            return SlackAnswers.Of(Error.Forbidden(
                "slack.not-linked",
                $"Your Slack account is not linked to anyone in Switchboard, so only `help`, `whoami` and `link` work here. {SlackAnswers.HowToLink}"));
        }

        return Reply.Text(verb.Equals("whoami", StringComparison.OrdinalIgnoreCase)
            ? $"You are Slack user {request.UserId} in workspace {request.UserTeam}, not linked to anyone in Switchboard. {SlackAnswers.HowToLink}"
            : $"Switchboard runs each command as the person who asks, so it needs to know who you are first. {SlackAnswers.HowToLink}");
    }

    private async Task<Reply> RefuseTokenAsync(SlackRequest request, string tokenKind, PersonId? person, CancellationToken cancellationToken)
    {
        logger.TokenPasted(request.UserId, tokenKind);
        await audit.AppendAsync(
            new AuditRecord(
                clock.GetUtcNow(),
                person,
                SlackRequest.Source,
                "slack.token-pasted",
                AuditOutcomes.Refused,
                "slack.token-in-message",
                $"A {tokenKind} token in a message from Slack user {request.UserTeam}/{request.UserId} in {request.Channel ?? "a direct message"}; not run"),
            cancellationToken);
        return SlackAnswers.Of(Error.Forbidden(
            "slack.token-in-message",
            $"That message holds what looks like a {tokenKind} token, so Switchboard did not run it. Revoke that token now and make a new one: Slack and whoever reads this conversation have seen it. Keep tokens in the vault (`sb vault set`), never in chat."));
    }
}
