using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Credentials;
using Switchboard.Core.Modules;
using Switchboard.Core.People;
using Switchboard.Modules.Rolodex.AddPerson;
using Switchboard.Modules.Rolodex.AddTeamMember;
using Switchboard.Modules.Rolodex.CheckConnection;
using Switchboard.Modules.Rolodex.ConnectAccount;
using Switchboard.Modules.Rolodex.Connections;
using Switchboard.Modules.Rolodex.CreateTeam;
using Switchboard.Modules.Rolodex.CreateToken;
using Switchboard.Modules.Rolodex.DisablePerson;
using Switchboard.Modules.Rolodex.DisconnectAccount;
using Switchboard.Modules.Rolodex.EnablePerson;
using Switchboard.Modules.Rolodex.FindPerson;
using Switchboard.Modules.Rolodex.InvitePerson;
using Switchboard.Modules.Rolodex.LinkIdentity;
using Switchboard.Modules.Rolodex.ListCredentials;
using Switchboard.Modules.Rolodex.ListPeople;
using Switchboard.Modules.Rolodex.ListSessions;
using Switchboard.Modules.Rolodex.ListTeams;
using Switchboard.Modules.Rolodex.ListTokens;
using Switchboard.Modules.Rolodex.People;
using Switchboard.Modules.Rolodex.RekeyVault;
using Switchboard.Modules.Rolodex.RemoveCredential;
using Switchboard.Modules.Rolodex.RemoveTeamMember;
using Switchboard.Modules.Rolodex.RevokeSessions;
using Switchboard.Modules.Rolodex.RevokeToken;
using Switchboard.Modules.Rolodex.Sessions;
using Switchboard.Modules.Rolodex.SetCredential;
using Switchboard.Modules.Rolodex.ShowMe;
using Switchboard.Modules.Rolodex.ShowTeam;
using Switchboard.Modules.Rolodex.Tokens;
using Switchboard.Modules.Rolodex.UnlinkIdentity;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex;

/// <summary>
/// Who is who: people, their accounts on every service (claimed, asserted or proven), teams and
/// roles, personal API tokens, and the vault of people's own tokens for other services. Implements the
/// core's person directory, token check, bootstrap and credential vault.
/// </summary>
public static class RolodexModule
{
    public static IServiceCollection AddRolodexModule(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton(typeof(RecentCredentials<>));
        services.AddSingleton<PersonCards>();

        // One directory per scope answers every core contract the Rolodex implements.
        services.AddScoped<RolodexDirectory>();
        services.AddScoped<IPersonDirectory>(SharedDirectory);
        services.AddScoped<IApiTokenAuthenticator>(SharedDirectory);
        services.AddScoped<IApiTokenIssuer>(SharedDirectory);
        services.AddScoped<IFirstAdminBootstrap>(SharedDirectory);
        services.AddScoped<WebSessions>();
        services.AddScoped<IWebSessions>(services => services.GetRequiredService<WebSessions>());

        // The vault's keys come from configuration or a key file, never from the database.
        services.AddOptions<VaultOptions>().BindConfiguration(VaultOptions.SectionName);
        services.AddSingleton<VaultKeyRing>();
        services.AddScoped<CredentialVault>();
        services.AddScoped<ICredentialVault>(services => services.GetRequiredService<CredentialVault>());
        services.AddScoped<VaultRekeying>();
        services.AddScoped<LinkCodes>();
        services.AddScoped<IIdentityLinkCodes>(services => services.GetRequiredService<LinkCodes>());
        services.AddHostedService<RekeyVaultAtStart>();

        // Proven accounts by OAuth: each service's flow, renewal before expiry, and revocation.
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.SectionName);
        services.AddHttpClient<GitHubOAuth>();
        services.AddHttpClient<HerokuOAuth>();
        services.AddHttpClient<PagerDutyOAuth>();
        services.AddScoped<OAuthProviders>();
        services.AddSingleton<RenewalGate>();
        services.AddScoped<ServiceCredentials>();
        services.AddScoped<IServiceCredentials>(services => services.GetRequiredService<ServiceCredentials>());
        services.AddScoped<GrantRevocation>();
        services.AddScoped<IAccountConnections, AccountConnections>();

        services.AddSwitchboardModule(name: "rolodex", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(RolodexModule).Assembly)
            .AddCommand<AddPersonCommand>()
            .AddCommand<ListPeopleCommand>()
            .AddCommand<InvitePersonCommand>()
            .AddCommand<DisablePersonCommand>()
            .AddCommand<EnablePersonCommand>()
            .AddCommand<ShowMeCommand>()
            .AddCommand<FindPersonCommand>()
            .AddCommand<LinkIdentityCommand>()
            .AddCommand<UnlinkIdentityCommand>()
            .AddCommand<CreateTeamCommand>()
            .AddCommand<AddTeamMemberCommand>()
            .AddCommand<ShowTeamCommand>()
            .AddCommand<ListTeamsCommand>()
            .AddCommand<RemoveTeamMemberCommand>()
            .AddCommand<CreateTokenCommand>()
            .AddCommand<ListTokensCommand>()
            .AddCommand<RevokeTokenCommand>()
            .AddCommand<ListSessionsCommand>()
            .AddCommand<RevokeSessionsCommand>()
            .AddCommand<SetCredentialCommand>()
            .AddCommand<ListCredentialsCommand>()
            .AddCommand<RemoveCredentialCommand>()
            .AddCommand<RekeyVaultCommand>()
            .AddCommand<ConnectAccountCommand>()
            .AddCommand<CheckConnectionCommand>()
            .AddCommand<DisconnectAccountCommand>();

        return services;
    }

    private static RolodexDirectory SharedDirectory(IServiceProvider services) => services.GetRequiredService<RolodexDirectory>();
}
