using Switchboard.Core.People;

namespace Switchboard.Core.Commands;

/// <summary>
/// Second factors as dispatch sees them: whether a person's latest verification covers a command, and
/// where a command waits while its person verifies. Implemented by the Trust module, which resumes
/// the waiting commands once the person passes <c>verify</c>.
/// </summary>
public interface IStepUp
{
    /// <summary>Whether the person's verification covers the requirement; a one-use requirement spends it.</summary>
    Task<StepUpCheck> CheckAsync(PersonId person, AssuranceRequirement requirement, CancellationToken cancellationToken);

    /// <summary>How the person verifies, as a sentence for the refusal they see: <c>verify 123456</c>, a touch of their key, or how to enroll first.</summary>
    Task<string> HowToVerifyAsync(PersonId person, CancellationToken cancellationToken);

    /// <summary>Keeps the invocation, durably, until its person verifies, and then runs it.</summary>
    /// <returns>Until when it waits, and any other way its person can verify for it.</returns>
    Task<HeldInvocationNotice> HoldAsync(PendingInvocation invocation, CancellationToken cancellationToken);
}

public enum StepUpCheck
{
    /// <summary>A verification recent enough (and, for a one-use command, unspent until now).</summary>
    Covered,

    /// <summary>The person has a second factor but has not passed it recently enough.</summary>
    NotCovered,

    /// <summary>The person has no confirmed second factor.</summary>
    NoFactor,
}

/// <summary>A command refused for want of a second factor, as it will run once its person verifies.</summary>
/// <param name="Actor">Who asked, from which front end, with which credential's access and expiry.</param>
/// <param name="Request">The request as the front end sent it, idempotency key included.</param>
/// <param name="CanonicalText">The command line with secrets redacted: what the person is shown and the audit records.</param>
public sealed record PendingInvocation(Actor Actor, CommandRequest Request, string Verb, string CanonicalText);

/// <param name="WaitsUntil">When the invocation is dropped if its person has not verified.</param>
/// <param name="OtherWay">
/// A sentence on another way to verify for this invocation, for the refusal (a one-time link to a page where a
/// touch of a security key verifies); null when there is none.
/// </param>
public sealed record HeldInvocationNotice(DateTimeOffset WaitsUntil, string? OtherWay);
