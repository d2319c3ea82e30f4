using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Trust.Factors;
using Switchboard.Modules.Trust.Verifications;

namespace Switchboard.Modules.Trust.ListFactors;

/// <summary><c>factors list</c>: your second factors, never their secrets; whether you are verified, locked, or have commands waiting.</summary>
internal sealed class ListFactorsCommand(SwitchboardDbContext db, IOptions<TrustOptions> options, TimeProvider clock) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "factors list",
        Summary: "List your second factors, whether you are verified now and until when, and the commands waiting for it.",
        Permission: TrustPermissions.OwnFactors,
        Examples: ["factors list"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var person = actor.PersonId;
        var now = clock.GetUtcNow();
        var authenticator = await db.Set<TotpAuthenticator>().AsNoTracking().SingleOrDefaultAsync(a => a.PersonId == person, cancellationToken);
        var keys = await db.Set<EnrolledYubiKey>().AsNoTracking().Where(k => k.PersonId == person).OrderBy(k => k.EnrolledAt).ToListAsync(cancellationToken);
        var securityKeys = await db.Set<SecurityKey>().AsNoTracking().Where(k => k.PersonId == person).OrderBy(k => k.RegisteredAt).ToListAsync(cancellationToken);
        var duo = await db.Set<DuoEnrollment>().AsNoTracking().SingleOrDefaultAsync(e => e.PersonId == person, cancellationToken);
        var state = await db.Set<PersonVerification>().AsNoTracking().SingleOrDefaultAsync(v => v.PersonId == person, cancellationToken);
        var waiting = await db.Set<HeldInvocation>().CountAsync(h => h.PersonId == person && h.ExpiresAt > now, cancellationToken);

        var fields = new List<(string Name, string Value)>();
        if (authenticator is not null)
        {
            fields.Add(("Authenticator app", authenticator.IsConfirmed
                ? $"enrolled {Date(authenticator.EnrolledAt)}, last used {Used(authenticator.LastUsedAt)}"
                : "waiting for `factors confirm totp <code>`"));
        }

        fields.AddRange(keys.Select(k => (
            $"YubiKey {k.PublicId}",
            $"validated by {(k.IsValidatedLocally ? "Switchboard" : "YubiCloud")}, enrolled {Date(k.EnrolledAt)}, last used {Used(k.LastUsedAt)}")));
        fields.AddRange(securityKeys.Select(k => (
            $"Security key {k.Reference}",
            $"{k.Name}, registered {Date(k.RegisteredAt)}, last used {Used(k.LastUsedAt)}")));
        var factors = await EnrolledFactors.OfAsync(db, person, cancellationToken);
        if (duo is not null)
        {
            fields.Add(("Duo push", $"enrolled {Date(duo.EnrolledAt)}, last used {Used(duo.LastUsedAt)}"));
        }

        var verifiedUntil = state?.VerifiedAt + options.Value.VerificationLifetime;
        fields.Add(("Verified", verifiedUntil > now ? $"until {TrustErrors.Time(verifiedUntil.Value)}, with {state!.VerifiedWith}" : "no"));
        if (state?.LockedUntil > now)
        {
            fields.Add(("Locked", $"until {TrustErrors.Time(state.LockedUntil.Value)}, after too many wrong codes"));
        }

        if (waiting > 0)
        {
            fields.Add(("Waiting for verify", waiting == 1 ? "1 command" : $"{waiting} commands"));
        }

        var reply = Reply.Build()
            .Line(!factors.HasAny && authenticator is null
                ? "You have no second factor yet: `factors enroll totp` adds an authenticator app, `factors enroll yubikey` a YubiKey, `factors enroll duo` Duo push, the console's Security keys page a security key."
                : "Your second factors:")
            .Fields(fields);
        return factors.HasAny ? reply.Line(factors.HowToVerify() + " when a command needs it.").ToReply() : reply.ToReply();
    }

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Used(DateTimeOffset? time) => time is { } used ? TrustErrors.Time(used) : "never";
}
