using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Core.SecondFactors;

/// <summary>
/// The WebAuthn ceremonies the web console runs in the browser, as the Trust module answers them: options for
/// <c>navigator.credentials.create</c> or <c>get</c> (JSON, single use, short-lived), and what a signed answer
/// proves. Registering a key completes through dispatch (<c>factors enroll key</c>), so its assurance and audit
/// apply; approving a waiting command and signing in complete here.
/// </summary>
public interface ISecurityKeyCeremonies
{
    /// <summary>Options to create a discoverable credential for the person, who is signed in to the console.</summary>
    Task<WebAuthnCeremony> BeginRegistrationAsync(PersonSummary person, CancellationToken cancellationToken);

    /// <summary>What a step-up link approves, without using it up: link previews in chat must not spend it.</summary>
    Task<(StepUpApproval? Approval, Error? Error)> PeekStepUpAsync(string code, CancellationToken cancellationToken);

    /// <summary>Options to assert one of the link's person's keys.</summary>
    Task<(WebAuthnCeremony? Ceremony, Error? Error)> BeginStepUpAsync(string code, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the assertion against the link's person's keys; when it holds, spends the link, makes the person
    /// verified as <c>verify</c> does, and runs their waiting commands, whose replies are in the result.
    /// </summary>
    Task<CommandResult> CompleteStepUpAsync(string code, Guid ceremony, string credentialJson, CancellationToken cancellationToken);

    /// <summary>Options to assert any discoverable credential: the key says whose it is.</summary>
    Task<WebAuthnCeremony> BeginSignInAsync(CancellationToken cancellationToken);

    /// <returns>The person whose passkey signed, or why it signs nobody in.</returns>
    Task<(PersonId? Person, Error? Error)> CompleteSignInAsync(Guid ceremony, string credentialJson, CancellationToken cancellationToken);
}

/// <param name="Id">Names the ceremony when the browser sends its answer.</param>
/// <param name="OptionsJson">WebAuthn options as JSON, for <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> or <c>parseRequestOptionsFromJSON</c>.</param>
public sealed record WebAuthnCeremony(Guid Id, string OptionsJson);

/// <param name="CanonicalText">The waiting command line, secrets redacted.</param>
public sealed record StepUpApproval(PersonSummary Person, string CanonicalText, DateTimeOffset ExpiresAt);
