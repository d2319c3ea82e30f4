namespace Switchboard.Core.Commands;

/// <summary>The part of a command that dispatch can see before it knows the argument type.</summary>
public interface ICommand
{
    static abstract CommandDefinition Definition { get; }
}

/// <summary>
/// Runs one command. Dispatch has already parsed and bound the arguments, checked the permission and
/// the assurance, and audits the outcome: the handler decides and records.
/// </summary>
/// <typeparam name="TArguments">A record whose constructor parameters are the command's arguments.</typeparam>
public interface ICommandHandler<in TArguments> : ICommand
{
    Task<CommandResult> HandleAsync(TArguments arguments, Actor actor, CancellationToken cancellationToken);
}

/// <summary>
/// A read-only check that runs before permission and assurance are enforced, so a doomed request
/// (a locked environment, a failing build) is refused before anyone is asked for a second factor.
/// </summary>
public interface ICommandPreflight<in TArguments>
{
    Task<Errors.Error?> PreflightAsync(TArguments arguments, Actor actor, CancellationToken cancellationToken);
}

/// <summary>For commands that take no arguments.</summary>
public sealed record NoArguments;
