using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Core.Deploys;
using Switchboard.Core.Modules;
using Switchboard.Modules.Deploy.ContinuousIntegration;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.FollowDeployment;
using Switchboard.Modules.Deploy.FreezeDeploys;
using Switchboard.Modules.Deploy.ListDeployments;
using Switchboard.Modules.Deploy.ListLocks;
using Switchboard.Modules.Deploy.LockEnvironment;
using Switchboard.Modules.Deploy.PromoteDeployment;
using Switchboard.Modules.Deploy.RollbackDeployment;
using Switchboard.Modules.Deploy.RunDeployment;
using Switchboard.Modules.Deploy.ShowAppStatus;
using Switchboard.Modules.Deploy.ShowDeployment;
using Switchboard.Modules.Deploy.ShowDeploys;
using Switchboard.Modules.Deploy.StartDeployment;
using Switchboard.Modules.Deploy.Targets;
using Switchboard.Modules.Deploy.Targets.GitHub;
using Switchboard.Modules.Deploy.Targets.Heroku;
using Switchboard.Modules.Deploy.UnfreezeDeploys;
using Switchboard.Modules.Deploy.UnlockEnvironment;

namespace Switchboard.Modules.Deploy;

/// <summary>
/// Deploys from chat as yourself: apps and their environments from configuration, targets that act with the
/// requester's own credentials, locks, freezes, CI and alert gates, and one message per deployment that shows it run.
/// </summary>
public static class DeployModule
{
    public static IServiceCollection AddDeployModule(this IServiceCollection services)
    {
        services.AddOptions<DeployOptions>().BindConfiguration(DeployOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeployOptions>, DeployOptionsValidation>();

        services.AddSwitchboardModule(name: "deploy", owningTeam: "platform")
            .AddEntityConfigurationsFrom(typeof(DeployModule).Assembly)
            .AddCommand<StartDeploymentCommand>()
            .AddCommand<PromoteDeploymentCommand>()
            .AddCommand<RollbackDeploymentCommand>()
            .AddCommand<ListDeploymentsCommand>()
            .AddCommand<ShowDeploymentCommand>()
            .AddCommand<ShowAppStatusCommand>()
            .AddCommand<LockEnvironmentCommand>()
            .AddCommand<UnlockEnvironmentCommand>()
            .AddCommand<ListLocksCommand>()
            .AddCommand<FreezeDeploysCommand>()
            .AddCommand<UnfreezeDeploysCommand>();

        services.AddScoped<DeployRules>();
        services.AddScoped<FreezeTargets>();
        services.AddScoped<DeploymentStarter>();
        services.AddScoped<DeploymentMessages>();
        services.AddScoped<IDeployHistory, DeployHistory>();
        services.AddScoped<IDeployTarget, ScriptTarget>();
        services.AddHerokuTarget();
        services.AddGitHubTarget();
        services.AddSingleton<DeployRunner>();
        services.AddHostedService(services => services.GetRequiredService<DeployRunner>());
        services.AddHttpClient<CiGate>(GitHubTargetServices.ConfigureClient);

        return services;
    }

    /// <summary>Maps <c>deploys/{id}/events</c> into the authenticated API group.</summary>
    public static IEndpointRouteBuilder MapDeploy(this IEndpointRouteBuilder api)
    {
        api.MapDeploymentEvents();
        return api;
    }
}
