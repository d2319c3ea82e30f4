using Switchboard.Core.Errors;

namespace Switchboard.Modules.Rolodex;

internal static class RolodexErrors
{
    public static Error UnknownPerson(string reference) =>
        Error.NotFound("rolodex.unknown-person", $"Nobody in the Rolodex is '{reference}'. Try an @handle or an e-mail address; 'person list' shows everyone.");

    public static Error AmbiguousPerson(string reference, IEnumerable<string> handles) =>
        Error.Conflict("rolodex.ambiguous-person", $"'{reference}' could be {string.Join(" or ", handles.Select(h => "@" + h))}; use the @handle.");

    public static Error PersonExists(string email) =>
        Error.Conflict("rolodex.person-exists", $"{email} is already in the Rolodex.");

    public static Error HandleTaken(string handle) =>
        Error.Conflict("rolodex.handle-taken", $"@{handle} is already someone's handle; pass another with --handle.");

    public static Error InvalidEmail(string email) =>
        Error.Invalid("rolodex.invalid-email", $"'{email}' is not an e-mail address.");

    public static Error InvalidHandle(string handle) =>
        Error.Invalid("rolodex.invalid-handle", $"'{handle}' is not a handle: use 2 to 64 lower-case letters, digits, '.', '-' or '_'.");

    public static Error UnknownTimeZone(string zone) =>
        Error.Invalid("rolodex.unknown-time-zone", $"'{zone}' is not a time zone; use an IANA name such as Europe/Berlin or America/New_York.");

    public static Error UnknownService(string service) =>
        Error.Invalid("rolodex.unknown-service", $"'{service}' is not a service the Rolodex knows; use one of {string.Join(", ", People.Services.Known)}.");

    public static Error WorkspaceRequired(string service) =>
        Error.Invalid("rolodex.workspace-required", $"A {service} id only means something within a workspace: add --workspace <id>.");

    public static Error InvalidExternalId(string service, string externalId) =>
        Error.Invalid("rolodex.invalid-id", $"'{externalId}' is not a {service} id{(service == "phone" ? ": a phone number needs digits" : "")}.");

    public static Error WorkspaceNotUsed(string service) =>
        Error.Invalid("rolodex.workspace-not-used", $"A {service} id is the same in every workspace: leave out --workspace.");

    public static Error IdentityTaken(string service, string externalId) =>
        Error.Conflict("rolodex.identity-taken", $"The {service} account {externalId} is already linked to someone else; an admin can unlink it first.");

    public static Error IdentityNotLinked(string service, string externalId) =>
        Error.NotFound("rolodex.identity-not-linked", $"The {service} account {externalId} is not linked to that person.");

    public static Error InvalidTeamName(string name) =>
        Error.Invalid("rolodex.invalid-team-name", $"'{name}' is not a team name: use 2 to 64 lower-case letters, digits or '-'.");

    public static Error TeamExists(string name) =>
        Error.Conflict("rolodex.team-exists", $"There is already a team called {name}.");

    public static Error UnknownTeam(string name) =>
        Error.NotFound("rolodex.unknown-team", $"There is no team called '{name}'; 'team list' shows them all.");

    public static Error NotAMember(string handle, string team) =>
        Error.NotFound("rolodex.not-a-member", $"@{handle} is not in {team}.");

    public static Error TokenNameTaken(string name) =>
        Error.Conflict("rolodex.token-name-taken", $"You already have a token called '{name}'; revoke it or pick another name.");

    public static Error UnknownToken(string name) =>
        Error.NotFound("rolodex.unknown-token", $"You have no active token called '{name}'; 'token list' shows yours.");

    public static Error InvalidExpiry(int days) =>
        Error.Invalid("rolodex.invalid-expiry", $"--expires-in-days must be between 1 and 3650, not {days}.");

    public static Error AdminExists() =>
        Error.Conflict("rolodex.admin-exists", "This installation already has an administrator; ask them to add you with 'person add'.");

    public static Error UnknownSignInLink() =>
        Error.NotFound("auth.unknown-sign-in-link", "This sign-in link is not one Switchboard issued; check that the whole link was copied.");

    public static Error SignInLinkUsed() =>
        Error.Conflict("auth.sign-in-link-used", "This sign-in link was already used; each link signs in once. Ask an administrator for a new one with 'person invite'.");

    public static Error SignInLinkExpired() =>
        Error.Unauthenticated("auth.sign-in-link-expired", "This sign-in link has expired; ask an administrator for a new one with 'person invite'.");

    public static Error UnknownSession() =>
        Error.Unauthenticated("auth.unknown-session", "This browser is not signed in; open a sign-in link to sign in.");

    public static Error SessionEnded() =>
        Error.Unauthenticated("auth.session-ended", "This session was signed out or revoked; open a new sign-in link to sign in again.");

    public static Error SessionExpired() =>
        Error.Unauthenticated("auth.session-expired", "This session has expired; open a new sign-in link to sign in again.");

    public static Error UnknownSessionId(string id) =>
        Error.NotFound("rolodex.unknown-session", $"You have no active session '{id}'; 'sessions' lists them.");

    public static Error AmbiguousSessionId(string id) =>
        Error.Conflict("rolodex.ambiguous-session", $"'{id}' starts more than one of your sessions; give more of its id.");

    public static Error InvalidVaultService() =>
        Error.Invalid("rolodex.invalid-vault-service", "A service name is 2 to 32 lower-case letters, digits or '-', starting with a letter, such as github, heroku or pagerduty.");

    public static Error InvalidCredentialValue() =>
        Error.Invalid("rolodex.invalid-credential", $"A token is one word of printable characters, at most {Vault.VaultRules.MaxValueLength} long; copy it again from the service.");

    public static Error InvalidScopes() =>
        Error.Invalid("rolodex.invalid-scopes", $"Each scope is one word of at most {Vault.VaultRules.MaxScopeLength} characters, as the service names it (repo, read:org), and all of them at most {Vault.VaultRules.MaxScopesLength}.");

    public static Error InvalidCredentialExpiry() =>
        Error.Invalid("rolodex.invalid-credential-expiry", "--expires is the day (2026-12-31) or the moment (2026-12-31T18:00:00Z) the token stops working, and it must be in the future.");

    public static Error NoCredential(string service) =>
        Error.NotFound("rolodex.no-credential", $"You have no {service} token in the vault. `sb vault set {service}` stores one (it reads the token from standard input), and so does the console's Vault page.");

    public static Error CredentialUnreadable(string service, string keyId) =>
        Error.Unavailable(
            "rolodex.credential-unreadable",
            $"Your {service} token cannot be read: the vault key it was stored under ({keyId}) is not configured, or is not the key it was. An administrator can configure that key again; or store the token again with `sb vault set {service}`.");

    public static Error CannotDisableYourself() =>
        Error.Conflict("rolodex.cannot-disable-yourself", "You cannot disable yourself; another administrator can.");

    public static Error PersonDisabled(string handle) =>
        Error.Conflict("rolodex.person-disabled", $"@{handle} is disabled; 'person enable @{handle}' lets them sign in again.");

    public static Error DisabledPersonSignIn() =>
        Error.Unauthenticated("auth.person-disabled", "This person is disabled, so they cannot sign in or use Switchboard; an administrator can enable them again.");

    public static Error NotConnectable(string service) =>
        Error.Invalid("rolodex.not-connectable", $"'{service}' is not a service Switchboard connects accounts on; connect github, heroku or pagerduty.");

    public static Error ConnectionNotConfigured(string service) =>
        Error.Unavailable("rolodex.oauth-not-configured", $"Switchboard has no OAuth application on {service} yet; an administrator sets OAuth:{service}:ClientId and ClientSecret.");

    public static Error UnknownConnectState() =>
        Error.Invalid("rolodex.connect-unknown-state", "This answer from the service does not belong to a connection this browser started; start again from the console.");

    public static Error ConnectStateUsed() =>
        Error.Conflict("rolodex.connect-state-used", "This connection was already completed; each one completes once. Start again to connect again.");

    public static Error ConnectExpired() =>
        Error.Conflict("rolodex.connect-expired", "This connection took too long and lapsed; start again from the console.");

    public static Error ConnectDeclined(string service) =>
        Error.Forbidden("rolodex.connect-declined", $"{service} says you did not authorize Switchboard, so nothing was connected.");

    public static Error ConnectRefused(string service) =>
        Error.Invalid("rolodex.connect-refused", $"{service} refused the authorization code; start again from the console.");

    public static Error ServiceUnreachable(string service) =>
        Error.Unavailable("rolodex.service-unreachable", $"{service} could not be reached or failed; try again in a moment.");

    public static Error AccountTaken(string service, string externalId) =>
        Error.Conflict("rolodex.account-taken", $"The {service} account {externalId} is linked to someone else, vouched for by an admin or proven; an admin can unlink it first.");

    public static Error NotConnected(string service) =>
        Error.NotFound("rolodex.not-connected", $"You have not connected your {service} account, so Switchboard cannot act as you there. `rolodex connect {service}` gives you a link to connect it.");

    /// <param name="serviceName">As people write it: GitHub.</param>
    /// <param name="service">As commands take it: github.</param>
    public static Error ReconnectNeeded(string serviceName, string service) =>
        Error.Conflict("rolodex.reconnect-needed", $"{serviceName} no longer accepts Switchboard's token for you (it was revoked or has lapsed). Reconnect with `rolodex connect {service}`.");

    public static Error LinkCodeInvalid(string service) =>
        Error.Unauthenticated("rolodex.link-code-invalid", $"That code links nothing: it is mistyped, used, expired or not for {service}. Run 'rolodex link {service}' in the console or with sb for a new one.");

    public static Error LinkCodeOnlyForYourself() =>
        Error.Invalid("rolodex.link-code-for-others", "A link code proves your own account; to link someone else's, an admin passes the id with --for.");

    public static Error LinkCodeNotOffered(string service) =>
        Error.Invalid("rolodex.link-code-not-offered", $"{service} cannot prove an account by code yet; pass the account's id to record a claim.");
}
