using System.Globalization;
using Switchboard.Core.Commands;
using Switchboard.Core.Credentials;
using Switchboard.Core.Replies;
using Switchboard.Modules.Rolodex.Connections;

namespace Switchboard.Modules.Rolodex.CheckConnection;

/// <summary>
/// <c>rolodex check &lt;service&gt;</c>: gets your token the way every module does (renewing it when it is due)
/// and asks the service who it belongs to, so you learn now, not mid-deploy, that you must reconnect.
/// </summary>
internal sealed class CheckConnectionCommand(OAuthProviders providers, IServiceCredentials credentials, TimeProvider clock) : ICommandHandler<CheckConnectionArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "rolodex check",
        Summary: "Check that Switchboard can act as you on GitHub, Heroku or PagerDuty, renewing the token if it is due.",
        Permission: RolodexPermissions.LinkOwn,
        // It needs a connected account, which only a browser makes; `help` shows the usage.
        Examples: [])
    {
        Variants = ["rolodex check github"],
    };

    public async Task<CommandResult> HandleAsync(CheckConnectionArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (providers.Find(arguments.Service) is not { } provider)
        {
            return RolodexErrors.NotConnectable(arguments.Service);
        }

        if (!provider.Options.IsConfigured)
        {
            return RolodexErrors.ConnectionNotConfigured(provider.DisplayName);
        }

        var current = await credentials.GetAsync(actor.PersonId, provider.Service, cancellationToken);
        if (current.Credential is not { } credential)
        {
            return current.Error!;
        }

        var account = await provider.CurrentAccountAsync(credential.Value, cancellationToken);
        if (account.Value is not { } proven)
        {
            return account.Failure == ProviderFailure.Unreachable
                ? RolodexErrors.ServiceUnreachable(provider.DisplayName)
                : RolodexErrors.ReconnectNeeded(provider.DisplayName, provider.Service);
        }

        var expires = credential.ExpiresAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm}Z{(at - clock.GetUtcNow() < TimeSpan.FromDays(1) ? $", in {(int)(at - clock.GetUtcNow()).TotalMinutes} minutes" : "")}")
            : "never";
        return Reply.Build(Severity.Success)
            .Line($"Switchboard acts as you on {provider.DisplayName} as **{proven.ExternalId}**.")
            .Fields(("Token expires", expires), ("Renewable", credential.RefreshToken is null ? "no" : "yes"))
            .ToReply();
    }
}

internal sealed record CheckConnectionArguments([Argument("The service: github, heroku or pagerduty.", MaxLength = 32)] string Service);
