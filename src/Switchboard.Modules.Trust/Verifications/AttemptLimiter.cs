using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.Security;
using Switchboard.Data;
using Switchboard.Data.Database;

namespace Switchboard.Modules.Trust.Verifications;

/// <summary>
/// Limits guessing per person: at most <see cref="TrustOptions.MaxFailedAttempts"/> codes are checked within
/// <see cref="TrustOptions.FailureWindow"/>; the last wrong one locks the person's second factors for
/// <see cref="TrustOptions.LockoutDuration"/>, which is audited and logged. An attempt is counted in one
/// statement before its code is checked, so guesses sent all at once are counted all the same.
/// </summary>
internal sealed class AttemptLimiter(
    SwitchboardDbContext db,
    IAuditLog audit,
    ISecurityFeed securityFeed,
    IOptions<TrustOptions> options,
    TimeProvider clock,
    ILogger<AttemptLimiter> logger)
{
    /// <returns>The attempt to check a code with, or why the person may not try now.</returns>
    public async Task<(Attempt? Attempt, Error? Refusal)> BeginAsync(PersonId person, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var windowStart = now - settings.FailureWindow;
        await EnsureStateAsync(person, cancellationToken);

        var counted = await db.Set<PersonVerification>()
            .Where(v => v.PersonId == person && (v.LockedUntil == null || v.LockedUntil <= now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(v => v.FailedAttempts, v => v.FailingSince == null || v.FailingSince < windowStart ? 1 : v.FailedAttempts + 1)
                    .SetProperty(v => v.FailingSince, v => v.FailingSince == null || v.FailingSince < windowStart ? now : v.FailingSince)
                    .SetProperty(v => v.LockedUntil, (DateTimeOffset?)null),
                cancellationToken);
        var state = await db.Set<PersonVerification>().AsNoTracking().SingleAsync(v => v.PersonId == person, cancellationToken);
        if (counted == 0)
        {
            return (null, TrustErrors.LockedOut(state.LockedUntil!.Value));
        }

        return state.FailedAttempts > settings.MaxFailedAttempts
            ? (null, TrustErrors.LockedOut(await LockAsync(person, state.FailedAttempts, now, cancellationToken)))
            : (new Attempt(person, state.FailedAttempts), null);
    }

    /// <summary>
    /// Ends an attempt by how its code fared: a right code clears the wrong ones before it; a refused code
    /// (<see cref="ErrorKind.Forbidden"/>) counts, and the last allowed one locks; a code that could not be
    /// checked (no such factor, a validation server down) does not count.
    /// </summary>
    /// <returns>The error to show, which says so when this attempt locked the person out.</returns>
    public async Task<Error?> EndAsync(Attempt attempt, Error? error, FrontEnd frontEnd, CancellationToken cancellationToken)
    {
        var state = db.Set<PersonVerification>().Where(v => v.PersonId == attempt.Person);
        if (error is null)
        {
            await state.ExecuteUpdateAsync(
                set => set.SetProperty(v => v.FailedAttempts, 0).SetProperty(v => v.FailingSince, (DateTimeOffset?)null),
                cancellationToken);
            return null;
        }

        if (error.Kind == ErrorKind.Forbidden)
        {
            return await FailedAsync(attempt, error, frontEnd, cancellationToken);
        }

        await state.Where(v => v.FailedAttempts > 0).ExecuteUpdateAsync(set => set.SetProperty(v => v.FailedAttempts, v => v.FailedAttempts - 1), cancellationToken);
        return error;
    }

    private async Task<Error> FailedAsync(Attempt attempt, Error refusal, FrontEnd frontEnd, CancellationToken cancellationToken)
    {
        if (attempt.Number < options.Value.MaxFailedAttempts)
        {
            return refusal;
        }

        var lockedUntil = await LockAsync(attempt.Person, attempt.Number, clock.GetUtcNow(), cancellationToken);
        await audit.AppendAsync(
            new AuditRecord(
                clock.GetUtcNow(),
                attempt.Person,
                frontEnd.ToString().ToLowerInvariant(),
                "factors.locked",
                AuditOutcomes.Refused,
                "trust.locked-out",
                $"{attempt.Number} wrong second-factor codes within {options.Value.FailureWindow}; locked until {TrustErrors.Time(lockedUntil)}"),
            cancellationToken);
        securityFeed.Report(new SuspectAction(
            clock.GetUtcNow(),
            SuspectActionKinds.SecondFactorLockout,
            attempt.Person,
            $"{attempt.Number} wrong second-factor codes within {options.Value.FailureWindow}; second factors locked until {TrustErrors.Time(lockedUntil)}.",
            frontEnd.ToString().ToLowerInvariant()));
        return refusal with { Detail = $"{refusal.Detail} {TrustErrors.LockedOut(lockedUntil).Detail}" };
    }

    private async Task<DateTimeOffset> LockAsync(PersonId person, int attempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lockedUntil = now + options.Value.LockoutDuration;
        await db.Set<PersonVerification>().Where(v => v.PersonId == person).ExecuteUpdateAsync(
            set => set
                .SetProperty(v => v.LockedUntil, lockedUntil)
                .SetProperty(v => v.FailedAttempts, 0)
                .SetProperty(v => v.FailingSince, (DateTimeOffset?)null),
            cancellationToken);
        logger.SecondFactorsLocked(person, lockedUntil, attempts);
        return lockedUntil;
    }

    private async Task EnsureStateAsync(PersonId person, CancellationToken cancellationToken)
    {
        if (await db.Set<PersonVerification>().AnyAsync(v => v.PersonId == person, cancellationToken))
        {
            return;
        }

        var state = db.Add(new PersonVerification { PersonId = person });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // A concurrent attempt made the row first.
        }
        finally
        {
            // Later statements change the row directly; a tracked copy would go stale.
            state.State = EntityState.Detached;
        }
    }
}

/// <param name="Number">Which attempt within the window this is, from 1.</param>
internal sealed record Attempt(PersonId Person, int Number);
