using Switchboard.Core.Commands;
using Switchboard.Core.Links;
using Switchboard.Core.Replies;
using Switchboard.Modules.Rolodex.Connections;

namespace Switchboard.Modules.Rolodex.ConnectAccount;

/// <summary>
/// <c>rolodex connect &lt;service&gt;</c>: a link to the console page that starts the OAuth flow. The flow itself
/// runs in the browser, where the person signs in at the service; from chat or sb there is only the link,
/// and opening it does nothing until the person presses Connect on the page.
/// </summary>
internal sealed class ConnectAccountCommand(OAuthProviders providers, PublicLinks links) : ICommandHandler<ConnectAccountArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "rolodex connect",
        Summary: "Prove an account of yours on GitHub, Heroku or PagerDuty by signing in there, so Switchboard can act as you.",
        Permission: RolodexPermissions.LinkOwn,
        Examples: ["rolodex connect github"])
    {
        IsReadOnly = true,
    };

    public Task<CommandResult> HandleAsync(ConnectAccountArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var provider = providers.Find(arguments.Service);
        CommandResult result = provider switch
        {
            null => RolodexErrors.NotConnectable(arguments.Service),
            { Options.IsConfigured: false } => RolodexErrors.ConnectionNotConfigured(provider.DisplayName),
            _ => Reply.Build()
                .Line($"Open this link in the browser where you are signed in to Switchboard, press **Connect**, and sign in to {provider.DisplayName} there. "
                    + $"{provider.DisplayName} then proves the account is yours, and Switchboard keeps its token for you in the vault.")
                .Link($"Connect {provider.DisplayName}", new Uri(links.Console, $"connect/{provider.Service}"))
                .ToReply(),
        };
        return Task.FromResult(result);
    }
}

internal sealed record ConnectAccountArguments([Argument("The service: github, heroku or pagerduty.", MaxLength = 32)] string Service);
