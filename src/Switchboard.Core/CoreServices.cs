using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Commands;
using Switchboard.Core.Help;
using Switchboard.Core.Links;
using Switchboard.Core.Modules;

namespace Switchboard.Core;

public static class CoreServices
{
    /// <summary>The command registry, dispatch and <c>help</c>. The host adds the audit log and idempotency store.</summary>
    public static IServiceCollection AddSwitchboardCore(this IServiceCollection services)
    {
        services.AddSingleton<CommandRegistry>();
        services.AddSingleton<CoreTelemetry>();
        services.AddScoped<CommandDispatcher>();
        services.AddOptions<DispatchOptions>();
        services.AddOptions<PublicLinkOptions>()
            .Validate(o => o.PublicUrl.IsAbsoluteUri && o.PublicUrl.Scheme is "http" or "https", "Switchboard:PublicUrl must be an absolute http or https address.")
            .ValidateOnStart();
        services.AddSingleton<PublicLinks>();

        services.AddSwitchboardModule(name: "core", owningTeam: "platform")
            .AddCommand<HelpCommand>();

        return services;
    }
}
