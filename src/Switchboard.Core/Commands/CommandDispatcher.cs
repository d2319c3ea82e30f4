using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Errors;
using Switchboard.Core.Parsing;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Core.Security;

namespace Switchboard.Core.Commands;

/// <summary>
/// Runs a command for any front end: resolve it, bind its arguments, preflight, check permission, a second
/// person's approval and assurance, run the handler as the actor, and audit the outcome, refusals included. A
/// command refused for want of a second factor waits (<see cref="IStepUp"/>) and runs through here again once its
/// person verifies; one that needs approval waits (<see cref="IApprovals"/>) and runs through here again, as its
/// requester, once approved. Approval comes before the second factor, so that the requester's verification is
/// checked (and a one-use one spent) when the command runs, not when it was asked.
/// </summary>
public sealed class CommandDispatcher(
    CommandRegistry registry,
    IServiceProvider scope,
    IAuditLog audit,
    IIdempotencyStore idempotency,
    IStepUp stepUp,
    ISecurityFeed securityFeed,
    IApprovals approvals,
    IPersonDirectory directory,
    CoreTelemetry telemetry,
    IOptions<DispatchOptions> options,
    TimeProvider clock,
    ILogger<CommandDispatcher> logger)
{
    public async Task<CommandResult> DispatchAsync(CommandRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var (command, bound, error) = Prepare(request);
        if (error is not null)
        {
            telemetry.CommandFinished(command?.Verb ?? "unknown", actor.FrontEnd, "invalid", clock.GetElapsedTime(started));
            return error;
        }

        using var activity = CoreTelemetry.Activities.StartActivity("command " + command!.Verb);
        using var logScope = logger.BeginCommandScope(command.Verb, actor.FrontEnd, actor.PersonId, Activity.Current?.SpanId.ToHexString() ?? "");

        var (refusal, assured) = await GateAsync(command, bound!, request, actor, cancellationToken);
        var result = refusal is not null ? CommandResult.Failure(refusal)
            : request.IdempotencyKey is { } key ? await RunOnceAsync(command, bound!, assured, key, cancellationToken)
            : await RunAsync(command, bound!, assured, cancellationToken);

        var outcome = result.IsSuccess ? "succeeded" : result.Error.Code;
        telemetry.CommandFinished(command.Verb, actor.FrontEnd, result.IsSuccess ? "succeeded" : result.Error.Kind.ToString().ToLowerInvariant(), clock.GetElapsedTime(started));
        logger.CommandFinished(command.Verb, outcome);
        return result;
    }

    private (CommandRegistration? Command, BoundArguments? Bound, Error? Error) Prepare(CommandRequest request)
    {
        if (request.Command is { } verb)
        {
            var structured = registry.Find(verb);
            if (structured is null)
            {
                return (null, null, registry.Resolve(CommandLineParser.Parse(verb).Tokens).Error
                    ?? Error.NotFound("core.unknown-command", $"'{verb}' is not a command."));
            }

            var named = ArgumentBinder.Bind(structured.Verb, structured.Signature, request.Arguments ?? new Dictionary<string, string?>(), request.Secret);
            return (structured, named, named.Error);
        }

        var line = CommandLineParser.Parse(request.Text ?? "");
        if (line.Error is not null)
        {
            return (null, null, line.Error);
        }

        var (command, wordsUsed, unknown) = registry.Resolve(line.Tokens);
        if (command is null)
        {
            return (null, null, unknown);
        }

        var bound = ArgumentBinder.Bind(command.Verb, command.Signature, line.Tokens.Skip(wordsUsed).ToList(), request.Secret);
        return (command, bound, bound.Error);
    }

    /// <summary>
    /// Everything that may refuse a command before it runs, audited when it does. It comes before the
    /// idempotency key is looked at, so a repeat never gets a reply its sender may not have.
    /// </summary>
    /// <returns>The refusal, or the actor to run the command as: verified when a recent second factor covers it.</returns>
    private async Task<(Error? Refusal, Actor Actor)> GateAsync(
        CommandRegistration command, BoundArguments bound, CommandRequest request, Actor actor, CancellationToken cancellationToken)
    {
        if (NotOffered(command.Definition, actor.FrontEnd) is { } notOffered)
        {
            return (notOffered, actor);
        }

        var refusal = Disabled(actor)
            ?? await command.PreflightAsync(scope, bound.Arguments!, actor, cancellationToken)
            ?? await RefusalAsync(command, bound.Arguments!, actor, cancellationToken);
        long? approval = null;
        if (refusal is null)
        {
            (refusal, approval) = await ApprovalAsync(command, bound, request, actor, cancellationToken);
        }

        var assured = actor;
        if (refusal is null)
        {
            (refusal, assured) = await AssureAsync(command, bound, request, actor, cancellationToken);
        }

        if (refusal is null && approval is { } approved && !await approvals.ClaimAsync(approved, cancellationToken))
        {
            refusal = Error.Conflict("core.approval-used", $"The approval of this {command.Verb} was used by another run just now; ask again for a new one.");
        }

        if (refusal is not null)
        {
            logger.CommandRefused(command.Verb, refusal.Code);
            await AuditAsync(command, bound, actor, AuditOutcomes.Refused, refusal.Code, cancellationToken);
            ReportIfSuspect(bound, actor, refusal);
        }

        return (refusal, assured);
    }

    /// <summary>
    /// Checks the second factor a command needs; when the person has not passed it recently enough, the
    /// invocation waits for their <c>verify</c> and the refusal says how to give it.
    /// </summary>
    private async Task<(Error? Refusal, Actor Actor)> AssureAsync(
        CommandRegistration command, BoundArguments bound, CommandRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var requirement = command.Definition.Assurance.RequirementFor(bound.Arguments!);
        if (requirement.Level <= actor.Assurance)
        {
            return (null, actor);
        }

        var check = await stepUp.CheckAsync(actor.PersonId, requirement, cancellationToken);
        if (check == StepUpCheck.Covered)
        {
            return (null, actor with { Assurance = requirement.Level });
        }

        if (check == StepUpCheck.NoFactor && requirement.AppliesOnlyOnceEnrolled)
        {
            return (null, actor);
        }

        var howToVerify = await stepUp.HowToVerifyAsync(actor.PersonId, cancellationToken);
        if (command.Definition.RevealsSecret)
        {
            // Its reply must reach only whoever asked for it, never the reply of a later verify.
            return (VerificationRequired(command, $"{howToVerify}, then ask again: its reply shows a secret, so it does not wait."), actor);
        }

        var held = await stepUp.HoldAsync(new PendingInvocation(actor, request, command.Verb, bound.CanonicalText!), cancellationToken);
        var until = held.WaitsUntil.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        var otherWay = held.OtherWay is { } sentence ? " " + sentence : "";
        return (VerificationRequired(command, $"{howToVerify} before {until}, and it runs then.{otherWay}"), actor);
    }

    /// <summary>
    /// Checks whether the run needs a second person's approval; when it has none, the invocation waits for one
    /// and the refusal says who may give it and how.
    /// </summary>
    /// <returns>The refusal, or the approved request this run will spend.</returns>
    private async Task<(Error? Refusal, long? Approval)> ApprovalAsync(
        CommandRegistration command, BoundArguments bound, CommandRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var requirement = approvals.ConfiguredFor(command.Verb) ?? command.Definition.Approval.RequirementFor(bound.Arguments!);
        if (requirement is null)
        {
            return (null, null);
        }

        if (await approvals.FindApprovedAsync(actor.PersonId, bound.CanonicalText!, cancellationToken) is { } approved)
        {
            return (null, approved);
        }

        var team = requirement.Team ?? command.Definition.Permission.RequiredFor(bound.Arguments!).Team ?? command.Module.OwningTeam;
        var owning = requirement with { Team = TeamRoles.NormalizeTeam(team) };
        var requested = await approvals.RequestAsync(new PendingInvocation(actor, request, command.Verb, bound.CanonicalText!), owning, cancellationToken);
        var until = requested.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        var where = requested.PostedTo is { } channel ? $"It is posted in #{channel}; " : "";
        return (Error.Forbidden(
            "core.approval-required",
            $"{command.Verb} needs the approval of another {owning.Role} of team {owning.Team}. {(requested.IsRepeat ? "It was already" : "It is")} request "
                + $"{requested.Number}, waiting until {until}: {where}one of them runs `approve {requested.Number}` (or `deny {requested.Number}`), and it runs as you then."), null);
    }

    private static Error VerificationRequired(CommandRegistration command, string whatToDo) =>
        Error.Forbidden("core.verification-required", $"{command.Verb} needs a second factor just now (verified). {whatToDo}");

    private async Task<CommandResult> RunOnceAsync(CommandRegistration command, BoundArguments bound, Actor actor, string key, CancellationToken cancellationToken)
    {
        var start = await idempotency.BeginAsync(actor.PersonId, key, bound.CanonicalText!, cancellationToken);
        switch (start.Kind)
        {
            case IdempotentStartKind.Completed:
                return start.EarlierResult!;
            case IdempotentStartKind.InProgress:
                return Error.Conflict("core.request-in-progress", "A request with this idempotency key is still running; ask again in a moment.");
            case IdempotentStartKind.ReusedForAnotherCommand:
                return Error.Conflict("core.idempotency-key-reused", "This idempotency key was already used for a different command.");
            case IdempotentStartKind.New:
                break;
        }

        CommandResult result;
        try
        {
            result = await command.HandleAsync(scope, bound.Arguments!, actor, cancellationToken);
        }
        catch (Exception)
        {
            // The command did not finish, so there is no answer to remember: a retry may run it.
            await idempotency.AbandonAsync(actor.PersonId, key, CancellationToken.None);
            await AuditCrashAsync(command, bound, actor, cancellationToken);
            throw;
        }

        // It ran: from here on the key must end up holding the answer, even if the caller has gone.
        await AuditOutcomeAsync(command, bound, actor, result, CancellationToken.None);
        ReportIfSensitive(command, bound, actor, result);
        await idempotency.CompleteAsync(actor.PersonId, key, Remembered(command, result), CancellationToken.None);
        return result;
    }

    private async Task<CommandResult> RunAsync(CommandRegistration command, BoundArguments bound, Actor actor, CancellationToken cancellationToken)
    {
        CommandResult result;
        try
        {
            result = await command.HandleAsync(scope, bound.Arguments!, actor, cancellationToken);
        }
        catch (Exception)
        {
            await AuditCrashAsync(command, bound, actor, cancellationToken);
            throw;
        }

        await AuditOutcomeAsync(command, bound, actor, result, CancellationToken.None);
        ReportIfSensitive(command, bound, actor, result);
        return result;
    }

    /// <summary>A reply that shows a secret (a new API token) is shown once: a repeat says the command ran.</summary>
    private static CommandResult Remembered(CommandRegistration command, CommandResult result) =>
        command.Definition.RevealsSecret && result.IsSuccess
            ? Reply.Text("This request already ran. Its reply held a secret, which is shown only once.", Severity.Warning)
            : result;

    private Task AuditCrashAsync(CommandRegistration command, BoundArguments bound, Actor actor, CancellationToken cancellationToken) =>
        command.Definition.IsReadOnly || cancellationToken.IsCancellationRequested
            ? Task.CompletedTask
            : AuditAsync(command, bound, actor, AuditOutcomes.Failed, "core.crashed", CancellationToken.None);

    private Task AuditOutcomeAsync(CommandRegistration command, BoundArguments bound, Actor actor, CommandResult result, CancellationToken cancellationToken) =>
        command.Definition.IsReadOnly && !options.Value.AuditReadOnlyCommands
            ? Task.CompletedTask
            : AuditAsync(command, bound, actor, result.IsSuccess ? AuditOutcomes.Succeeded : AuditOutcomes.Failed, result.Error?.Code, cancellationToken);

    internal static Error? NotOffered(CommandDefinition definition, FrontEnd frontEnd) =>
        definition.NotOfferedOn.Contains(frontEnd)
            ? Error.Forbidden(
                "core.not-offered-here",
                definition.NotOfferedReason ?? $"{definition.Verb} is not offered from {frontEnd}; use another front end, such as the web console.")
            : null;

    /// <summary>A front end that resolved a disabled person (a chat user id still linked to them) gets no further.</summary>
    private static Error? Disabled(Actor actor) =>
        actor.Person.IsDisabled
            ? Error.Forbidden("core.person-disabled", $"@{actor.Person.Handle} is disabled; an administrator can enable them again with 'person enable'.")
            : null;

    private async Task<Error?> RefusalAsync(CommandRegistration command, object arguments, Actor actor, CancellationToken cancellationToken)
    {
        var definition = command.Definition;
        var permission = definition.Permission.RequiredFor(arguments);
        var team = permission.Team is { } name && !actor.IsAdmin ? await directory.FindTeamAsync(name, cancellationToken) : null;
        if (!permission.IsHeldBy(actor, team))
        {
            return Error.Forbidden(
                "core.permission-denied",
                $"This use of {command.Verb} needs the permission {permission.Name}, which only {permission.Holders} have.");
        }

        return !definition.IsReadOnly && actor.Access == ActorAccess.ReadOnly
            ? Error.Forbidden("core.read-only-credential", $"{command.Verb} changes things, and this credential may only read.")
            : null;
    }

    /// <summary>A refusal of who the person is or what they may do goes to the security feed; one that asks for a second factor does not.</summary>
    private void ReportIfSuspect(BoundArguments bound, Actor actor, Error refusal)
    {
        if (refusal.Code is "core.permission-denied" or "core.person-disabled" or "core.read-only-credential")
        {
            securityFeed.Report(new SuspectAction(
                clock.GetUtcNow(),
                SuspectActionKinds.CommandRefused,
                actor.PersonId,
                $"Refused ({refusal.Code}): {bound.CanonicalText}",
                actor.FrontEnd.ToString().ToLowerInvariant()));
        }
    }

    private void ReportIfSensitive(CommandRegistration command, BoundArguments bound, Actor actor, CommandResult result)
    {
        if (result.IsSuccess && command.Definition.ReportedAs is { } kind)
        {
            securityFeed.Report(new SuspectAction(clock.GetUtcNow(), kind, actor.PersonId, bound.CanonicalText!, actor.FrontEnd.ToString().ToLowerInvariant()));
        }
    }

    private Task AuditAsync(CommandRegistration command, BoundArguments bound, Actor actor, string outcome, string? code, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            new AuditRecord(
                clock.GetUtcNow(),
                actor.PersonId,
                actor.FrontEnd.ToString().ToLowerInvariant(),
                "command " + command.Verb,
                outcome,
                code,
                bound.CanonicalText!),
            cancellationToken);
}
