using System.Diagnostics.CodeAnalysis;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;

namespace Switchboard.Core.Commands;

/// <summary>What a command produced: a reply for the person, or an expected failure.</summary>
public sealed class CommandResult
{
    private CommandResult(Reply? reply, Error? error)
    {
        Reply = reply;
        Error = error;
    }

    public Reply? Reply { get; }

    public Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Reply))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static CommandResult Success(Reply reply) => new(reply, null);

    public static CommandResult Failure(Error error) => new(null, error);

    public static implicit operator CommandResult(Reply reply) => Success(reply);

    public static implicit operator CommandResult(Error error) => Failure(error);
}
