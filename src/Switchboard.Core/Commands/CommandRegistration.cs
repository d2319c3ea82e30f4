using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Errors;
using Switchboard.Core.Modules;

namespace Switchboard.Core.Commands;

/// <summary>A command as the registry knows it: its definition, owner, signature and how to run it.</summary>
public sealed class CommandRegistration
{
    private readonly Func<IServiceProvider, object, Actor, CancellationToken, Task<CommandResult>> _handle;
    private readonly Func<IServiceProvider, object, Actor, CancellationToken, Task<Error?>> _preflight;

    private CommandRegistration(
        CommandDefinition definition,
        ModuleDescriptor module,
        CommandSignature signature,
        Func<IServiceProvider, object, Actor, CancellationToken, Task<CommandResult>> handle,
        Func<IServiceProvider, object, Actor, CancellationToken, Task<Error?>> preflight)
    {
        Definition = definition;
        Module = module;
        Signature = signature;
        _handle = handle;
        _preflight = preflight;
    }

    public CommandDefinition Definition { get; }

    public ModuleDescriptor Module { get; }

    public CommandSignature Signature { get; }

    public string Verb => Definition.Verb;

    public string Usage => Signature.UsageFor(Verb);

    internal static CommandRegistration For<THandler>(ModuleDescriptor module)
        where THandler : class, ICommand
    {
        var argumentsType = typeof(THandler).GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommandHandler<>))
            .GetGenericArguments()[0];
        var invoker = typeof(CommandInvoker<,>).MakeGenericType(typeof(THandler), argumentsType);
        return new CommandRegistration(
            THandler.Definition,
            module,
            CommandSignature.For(argumentsType),
            invoker.GetMethod(nameof(CommandInvoker<,>.HandleAsync), BindingFlags.Public | BindingFlags.Static)!
                .CreateDelegate<Func<IServiceProvider, object, Actor, CancellationToken, Task<CommandResult>>>(),
            invoker.GetMethod(nameof(CommandInvoker<,>.PreflightAsync), BindingFlags.Public | BindingFlags.Static)!
                .CreateDelegate<Func<IServiceProvider, object, Actor, CancellationToken, Task<Error?>>>());
    }

    internal Task<CommandResult> HandleAsync(IServiceProvider services, object arguments, Actor actor, CancellationToken cancellationToken) =>
        _handle(services, arguments, actor, cancellationToken);

    internal Task<Error?> PreflightAsync(IServiceProvider services, object arguments, Actor actor, CancellationToken cancellationToken) =>
        _preflight(services, arguments, actor, cancellationToken);

    private static class CommandInvoker<THandler, TArguments>
        where THandler : class, ICommandHandler<TArguments>
    {
        public static Task<CommandResult> HandleAsync(IServiceProvider services, object arguments, Actor actor, CancellationToken cancellationToken) =>
            services.GetRequiredService<THandler>().HandleAsync((TArguments)arguments, actor, cancellationToken);

        public static Task<Error?> PreflightAsync(IServiceProvider services, object arguments, Actor actor, CancellationToken cancellationToken) =>
            services.GetRequiredService<THandler>() is ICommandPreflight<TArguments> preflight
                ? preflight.PreflightAsync((TArguments)arguments, actor, cancellationToken)
                : Task.FromResult<Error?>(null);
    }
}
