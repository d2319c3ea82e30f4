using System.Globalization;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Trust;

internal static class TrustErrors
{
    public static Error NotACode() =>
        Error.Invalid("trust.invalid-code", "That is neither a 6-digit code from an authenticator app nor the OTP a YubiKey types (32 to 48 letters of cbdefghijklnrtuv).");

    public static Error NotAYubiKeyOtp() =>
        Error.Invalid("trust.invalid-otp", "That is not an OTP from a YubiKey: touch the key to type one, 32 to 48 letters of cbdefghijklnrtuv.");

    public static Error CodeRefused() =>
        Error.Forbidden("trust.code-refused", "That code is not right. Check the clock of the device that shows it, and type the code it shows now.");

    public static Error CodeAlreadyUsed() =>
        Error.Forbidden("trust.code-already-used", "That code was already used, and each code works once: wait for the next one your authenticator app shows.");

    public static Error OtpRefused() =>
        Error.Forbidden("trust.otp-refused", "That YubiKey OTP is not valid; touch the key again to type a new one.");

    public static Error OtpAlreadyUsed() =>
        Error.Forbidden("trust.otp-already-used", "That YubiKey OTP was already used, and each works once: touch the key again to type a new one.");

    public static Error NotYourKey() =>
        Error.Forbidden("trust.unknown-key", "That YubiKey is not enrolled to you; 'factors list' shows yours, and 'factors enroll yubikey' adds one.");

    public static Error LockedOut(DateTimeOffset until) =>
        Error.Forbidden("trust.locked-out", $"Too many wrong codes: your second factors are locked until {Time(until)}. Try again then.");

    public static Error NoAuthenticator() =>
        Error.NotFound("trust.no-authenticator", "You have no authenticator app enrolled; 'factors enroll totp' adds one.");

    public static Error AuthenticatorNotConfirmed() =>
        Error.Conflict("trust.authenticator-not-confirmed", "Your authenticator app is not confirmed yet: confirm it with 'factors confirm totp <code>' first.");

    public static Error NothingToConfirm() =>
        Error.NotFound("trust.nothing-to-confirm", "There is no authenticator app waiting to be confirmed; 'factors enroll totp' starts one.");

    public static Error AuthenticatorExists() =>
        Error.Conflict("trust.authenticator-exists", "You already have an authenticator app; 'factors remove totp' first to enroll another.");

    public static Error KeyAlreadyYours(string publicId) =>
        Error.Conflict("trust.key-already-enrolled", $"The YubiKey {publicId} is already enrolled to you.");

    public static Error KeyTaken(string publicId) =>
        Error.Conflict("trust.key-taken", $"The YubiKey {publicId} is enrolled to someone else; a key proves one person.");

    public static Error KeyWithoutPublicId() =>
        Error.Invalid("trust.key-without-public-id", "That YubiKey types no public id, so Switchboard could not tell it from another; configure the slot with one.");

    public static Error AesKeyAndPrivateIdTogether() =>
        Error.Invalid("trust.aes-key-and-private-id", "--aes-key and --private-id go together: both for a key validated by Switchboard itself, neither for YubiCloud.");

    public static Error InvalidAesKey() =>
        Error.Invalid("trust.invalid-aes-key", "--aes-key must be the slot's AES key: 32 hexadecimal digits.");

    public static Error InvalidPrivateId() =>
        Error.Invalid("trust.invalid-private-id", "--private-id must be the slot's private id: 12 hexadecimal digits.");

    public static Error UnknownFactor(string factor) =>
        Error.NotFound("trust.unknown-factor", $"'{factor}' is not an enrolled second factor: name 'totp', a YubiKey's public id or a security key's key-..., as 'factors list' shows them.");

    public static Error NotAWebAuthnAnswer() =>
        Error.Invalid("trust.invalid-webauthn-answer", "That is not what a browser answers for a security key (a PublicKeyCredential as JSON).");

    public static Error CeremonyUnusable() =>
        Error.Conflict("trust.webauthn-request-unusable", "That request for your security key has expired or was already answered; start again.");

    public static Error SecurityKeyRefused() =>
        Error.Forbidden("trust.security-key-refused", "Your security key's answer did not hold (wrong site, challenge or signature, or a counter that went back, as a cloned key's does).");

    public static Error UnknownSecurityKey() =>
        Error.Forbidden("trust.unknown-security-key", "That security key is not registered to you; 'factors list' shows yours, and the console's Security keys page adds one.");

    public static Error SecurityKeyExists() =>
        Error.Conflict("trust.security-key-exists", "That security key is already registered.");

    public static Error InvalidKeyName() =>
        Error.Invalid("trust.invalid-key-name", $"A security key's name is 1 to {Factors.SecurityKey.MaxNameLength} characters, such as 'Desk key'.");

    public static Error StepUpLinkUnusable() =>
        Error.NotFound("trust.step-up-link-unusable", "This link has expired or was used, or its command has run or was asked again; ask for the command again to get a new one.");

    public static Error PasskeyRefused() =>
        Error.Unauthenticated("trust.passkey-refused", "That passkey signs nobody in: it is not registered here, or its answer did not hold. Sign in with an e-mailed link instead.");

    public static Error UnknownPerson(string reference) =>
        Error.NotFound("trust.unknown-person", $"Nobody in the Rolodex is '{reference}'; 'person list' shows everyone.");

    public static Error DuoNotConfigured() =>
        Error.Unavailable("trust.duo-not-configured", "This installation has no Duo application (Trust:Duo:ApiUrl, IntegrationKey, SecretKey); use another second factor.");

    public static Error DuoUnavailable() =>
        Error.Unavailable("trust.duo-unavailable", "Duo could not be asked just now; try again in a moment, or use another second factor.");

    public static Error NoDuoAccount() =>
        Error.Conflict("trust.no-duo-account", "You have no Duo username in the Rolodex that an administrator vouched for; ask one to run `rolodex link duo <username> --for @you`.");

    public static Error DuoNotEnrolled() =>
        Error.Conflict("trust.duo-not-enrolled", "You have not enrolled Duo push; run `factors enroll duo` and approve the push on your phone.");

    public static Error DuoAlreadyEnrolled() =>
        Error.Conflict("trust.duo-already-enrolled", "Duo push is already one of your second factors; `verify push` uses it.");

    public static Error DuoCannotPush(string why) =>
        Error.Conflict("trust.duo-cannot-push", $"Duo cannot send you a push: {why}");

    public static Error PushDenied(string why) =>
        Error.Forbidden("trust.push-denied", $"The Duo push was not approved ({why}).");

    public static Error YubiCloudNotConfigured() =>
        Error.Unavailable("trust.yubicloud-not-configured", "This installation has no YubiCloud client (Trust:YubiCloud:ClientId); enroll the key with --aes-key and --private-id instead.");

    public static Error YubiCloudUnavailable() =>
        Error.Unavailable("trust.yubicloud-unavailable", "YubiCloud could not validate the OTP just now; try again in a moment.");

    public static Error YubiCloudRefused() =>
        Error.Unavailable("trust.yubicloud-refused", "YubiCloud refused to validate for this installation; an administrator must check its YubiCloud client id and API key.");

    public static Error UnknownApproval(long number) =>
        Error.NotFound("trust.unknown-approval", $"There is no approval request {number}; 'approvals' lists those waiting.");

    public static Error ApprovalSettled(long number, string what) =>
        Error.Conflict("trust.approval-settled", $"Request {number} {what}, so it can no longer be decided.");

    public static Error OwnRequest(long number, string role, string team) =>
        Error.Forbidden("trust.own-request", $"You cannot approve your own request {number}: the two-person rule needs another {role} of {team} to approve it.");

    public static Error NotAnApprover(long number, string role, string team) =>
        Error.Forbidden("trust.not-an-approver", $"Only a {role} of {team} (or a role above it) may decide request {number}, and you are not one.");

    public static Error UnknownSubject(string subject) =>
        Error.NotFound("trust.unknown-subject", $"'{subject}' is neither a command nor a person in the Rolodex; 'help' lists the commands.");

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
