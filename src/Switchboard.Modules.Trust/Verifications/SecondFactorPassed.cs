using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Trust.VerifySecondFactor;

namespace Switchboard.Modules.Trust.Verifications;

/// <summary>
/// What passing a second factor does, however it was passed (<c>verify</c>, a security key at a step-up link):
/// the person is verified from now, and the commands waiting for it run, their replies in the one returned.
/// </summary>
internal sealed class SecondFactorPassed(
    SwitchboardDbContext db, ResumeHeldInvocations resume, IOptions<TrustOptions> options, TimeProvider clock, ILogger<SecondFactorPassed> logger)
{
    /// <param name="factor">What they passed, as people read it: <c>authenticator app</c>, <c>security key Desk key</c>.</param>
    public async Task<Reply> RecordAsync(Actor actor, string factor)
    {
        var now = clock.GetUtcNow();
        await db.Set<PersonVerification>().Where(v => v.PersonId == actor.PersonId).ExecuteUpdateAsync(
            set => set.SetProperty(v => v.VerifiedAt, now).SetProperty(v => v.VerifiedWith, factor).SetProperty(v => v.IsSpent, false),
            CancellationToken.None);

        // Verified, and that stands: the waiting commands run even if whoever asked has gone.
        var resumed = await resume.RunAsync(actor, CancellationToken.None);
        logger.Verified(actor.PersonId, factor, resumed.Ran.Count);
        return VerifiedReply(factor, now + options.Value.VerificationLifetime, resumed);
    }

    private static Reply VerifiedReply(string factor, DateTimeOffset until, ResumedInvocations resumed)
    {
        var blocks = new List<ReplyBlock> { new TextBlock($"Verified with your {factor} until {TrustErrors.Time(until)}.") };
        foreach (var (invocation, result) in resumed.Ran)
        {
            blocks.Add(new SectionBlock(
                $"Resumed `{invocation.CanonicalText}`",
                result.IsSuccess ? result.Reply.Blocks : [new TextBlock($"Refused ({result.Error.Code}): {result.Error.Detail}")]));
        }

        if (resumed.Expired > 0)
        {
            blocks.Add(new TextBlock(resumed.Expired == 1
                ? "One command had waited too long for this and was dropped; run it again."
                : $"{resumed.Expired} commands had waited too long for this and were dropped; run them again."));
        }

        var severity = resumed.Ran.All(r => r.Result.IsSuccess) ? Severity.Success : Severity.Warning;
        return new Reply(blocks, severity);
    }
}
