using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Commands;

namespace Switchboard.Core.Modules;

/// <summary>
/// What a module contributes to the core, one visible line each: its commands and its entity
/// configurations. Created by <see cref="SwitchboardModuleExtensions.AddSwitchboardModule"/>.
/// </summary>
public sealed class ModuleBuilder
{
    private readonly IServiceCollection _services;

    internal ModuleBuilder(IServiceCollection services, ModuleDescriptor module)
    {
        _services = services;
        Module = module;
    }

    public ModuleDescriptor Module { get; }

    public ModuleBuilder AddCommand<THandler>()
        where THandler : class, ICommand
    {
        _services.AddScoped<THandler>();
        _services.AddSingleton(CommandRegistration.For<THandler>(Module));
        return this;
    }

    /// <summary>Adds the module's <c>IEntityTypeConfiguration&lt;T&gt;</c> classes to the database model.</summary>
    public ModuleBuilder AddEntityConfigurationsFrom(Assembly assembly)
    {
        _services.AddSingleton(new EntityModelContribution(assembly));
        return this;
    }
}

/// <summary>A module's name and the team that owns it, shown by <c>help</c>.</summary>
public sealed record ModuleDescriptor(string Name, string OwningTeam);

/// <summary>An assembly whose entity configurations join the one database model.</summary>
public sealed record EntityModelContribution(Assembly Assembly);

public static class SwitchboardModuleExtensions
{
    public static ModuleBuilder AddSwitchboardModule(this IServiceCollection services, string name, string owningTeam)
    {
        var module = new ModuleDescriptor(name, owningTeam);
        services.AddSingleton(module);
        return new ModuleBuilder(services, module);
    }
}
