using Switchboard.Core.Commands;

namespace Switchboard.Modules.Deploy.Deployments;

/// <summary>
/// A command's arguments that name an app's environment. Its preflight resolves the environment's rules onto them,
/// so that the permission, the assurance and the approval dispatch asks for next are the environment's own.
/// </summary>
internal interface IEnvironmentArguments
{
    EnvironmentRules? Rules { get; set; }
}

/// <summary>
/// The policies of commands that act on an app's environment. Before a preflight has resolved the rules (as when
/// the authorization matrix lists a command), they assume the strictest an environment can ask for.
/// </summary>
internal static class DeployPolicies
{
    public static PermissionPolicy Permission<TArguments>(Permission permission)
        where TArguments : IEnvironmentArguments =>
        PermissionPolicy.FromArguments<TArguments>(permission, a => a.Rules is { } rules ? permission.In(rules.Service.Team) : permission);

    public static AssurancePolicy Assurance<TArguments>()
        where TArguments : IEnvironmentArguments =>
        AssurancePolicy.FromArguments<TArguments>(a => a.Rules?.Options.AssuranceLevel ?? AssuranceLevel.Verified);

    public static ApprovalPolicy Approval<TArguments>()
        where TArguments : IEnvironmentArguments =>
        ApprovalPolicy.FromArguments<TArguments>(a => a.Rules is { } rules ? rules.Approval : new ApprovalRequirement(TeamRoles.Lead));
}
