using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Data.Idempotency;
using Switchboard.Server.Authentication;

namespace Switchboard.Server.Api.Commands;

internal static class RunCommandEndpoint
{
    public static RouteHandlerBuilder MapRunCommand(this RouteGroupBuilder api) =>
        api.MapPost("/commands", RunAsync)
            .WithName("RunCommand")
            .WithSummary("Runs one command as the signed-in person and returns its reply.");

    private static async Task<Results<Ok<CommandReply>, ProblemHttpResult>> RunAsync(
        RunCommandRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        [FromHeader(Name = "User-Agent")] string? userAgent,
        ClaimsPrincipal user,
        CommandDispatcher dispatcher,
        CancellationToken cancellationToken)
    {
        if (RefusalOf(request, idempotencyKey) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var actor = PersonClaims.ActorFrom(user, ApiFrontEnd.Of(userAgent), AssuranceLevel.Identified);
        var result = await dispatcher.DispatchAsync(
            new CommandRequest(request.Text, request.Command, request.Arguments, idempotencyKey, request.Secret),
            actor,
            cancellationToken);

        return result.IsSuccess
            ? TypedResults.Ok(CommandReply.From(result.Reply))
            : result.Error.ToProblem();
    }

    private static Error? RefusalOf(RunCommandRequest request, string? idempotencyKey)
    {
        if ((request.Text is null) == (request.Command is null))
        {
            return Error.Invalid("api.text-or-command", "Send either \"text\" (a command line) or \"command\" with \"arguments\", not both and not neither.");
        }

        if (request.Arguments is not null && request.Command is null)
        {
            return Error.Invalid("api.arguments-without-command", "\"arguments\" go with \"command\"; with \"text\", put them in the line.");
        }

        return idempotencyKey?.Length is 0 or > IdempotencyKeys.MaxLength
            ? Error.Invalid("api.invalid-idempotency-key", $"Idempotency-Key must be 1 to {IdempotencyKeys.MaxLength} characters.")
            : null;
    }
}

/// <param name="Text">The command as a person would type it in chat, e.g. <c>team show ops</c>.</param>
/// <param name="Command">Instead of text: the verb, e.g. <c>team add</c>, with <paramref name="Arguments"/> by name.</param>
/// <param name="Arguments">Argument and option values by name, e.g. <c>{"team": "ops", "person": "@alice", "role": "lead"}</c>.</param>
/// <param name="Secret">The command's secret input, for a command that takes one (<c>vault set</c>'s token); never part of the command.</param>
/// <remarks>Lengths and characters are screened by dispatch, the same for every front end.</remarks>
internal sealed record RunCommandRequest(string? Text, string? Command, Dictionary<string, string?>? Arguments, string? Secret)
{
    // A record prints every member, and a request may end up in a log or an exception message.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Text = ").Append(Text).Append(", Command = ").Append(Command).Append(", Secret = ").Append(Secret is null ? "none" : "***");
        return true;
    }
}
