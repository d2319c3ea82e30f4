using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Modules.Slack.Inbound;
using Switchboard.Modules.Slack.WebApi;

namespace Switchboard.Modules.Slack.Forms;

/// <summary>
/// <c>/sb form &lt;command&gt;</c>, and the <em>Fill in a form</em> button on a command that missed an argument: opens
/// the command's form in a Slack modal for the person who asked, with the trigger Slack gave their command or click.
/// </summary>
internal sealed class OpenCommandForm(CommandRegistry commands, SlackWebApi slack)
{
    public const string Verb = "form";

    /// <returns>Null when the form is open (the modal is the answer), or the reply that says why it is not.</returns>
    public async Task<Reply?> OpenAsync(SlackRequest request, string? commandText, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(commandText) || CommandIn(commandText) is not { } command)
        {
            return SlackAnswers.Of(Error.NotFound(
                "slack.form-unknown-command", $"`form` needs a command to fill in, such as `/sb form service create`; `{commandText}` is not one. `/sb help` lists them."));
        }

        if (command.Signature.Secret is not null)
        {
            return SlackAnswers.Of(Error.Invalid(
                "slack.form-takes-secret", $"`{command.Verb}` takes a secret, which never travels through Slack: run it in the console or with `sb`."));
        }

        if (request.TriggerId is not { Length: > 0 } trigger)
        {
            return SlackAnswers.Of(Error.Invalid(
                "slack.form-needs-trigger", $"Slack opens a form only for a slash command or a button: send `/sb form {command.Verb}`."));
        }

        var opened = await slack.OpenViewAsync(trigger, CommandForm.ViewFor(command, new FormOrigin(command.Verb, request.ResponseUrl, request.Channel)), cancellationToken);
        return opened.IsSuccess ? null : SlackAnswers.Of(opened.Error!);
    }

    /// <summary>The button that opens the form of the command <paramref name="text"/> begins with, if it has a form.</summary>
    public Button? FormButtonFor(string text)
    {
        var command = CommandIn(text);
        return command is null || command.Signature.Secret is not null
            ? null
            : new Button("Fill in a form", $"{Verb} {command.Verb}", null, ButtonStyle.Primary, "form:" + Guid.NewGuid());
    }

    /// <summary>The command whose verb the text begins with, the longest that matches.</summary>
    private CommandRegistration? CommandIn(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var longestVerb = commands.Commands.Max(c => c.Verb.Count(letter => letter == ' ') + 1);
        for (var count = Math.Min(words.Length, longestVerb); count > 0; count--)
        {
            if (commands.Find(string.Join(' ', words.Take(count))) is { } command)
            {
                return command;
            }
        }

        return null;
    }
}
