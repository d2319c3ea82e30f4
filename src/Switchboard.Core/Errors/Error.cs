namespace Switchboard.Core.Errors;

/// <summary>
/// An expected failure: a kind that front ends map to their own vocabulary (an HTTP status, an
/// error-styled chat reply, an exit code) and a stable <see cref="Code"/> that clients switch on.
/// </summary>
/// <param name="Kind">What sort of failure this is.</param>
/// <param name="Code">Stable, <c>&lt;module&gt;.&lt;kebab-case&gt;</c>, e.g. <c>core.unknown-command</c>.</param>
/// <param name="Detail">A sentence for the person, saying what went wrong and what would fix it.</param>
public sealed record Error(ErrorKind Kind, string Code, string Detail)
{
    public string Title => Kind switch
    {
        ErrorKind.Invalid => "Invalid request",
        ErrorKind.Unauthenticated => "Not signed in",
        ErrorKind.Forbidden => "Not allowed",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Conflict => "Conflict",
        ErrorKind.TooLarge => "Too large",
        ErrorKind.Unavailable => "Unavailable",
    };

    public static Error Invalid(string code, string detail) => new(ErrorKind.Invalid, code, detail);

    public static Error Unauthenticated(string code, string detail) => new(ErrorKind.Unauthenticated, code, detail);

    public static Error Forbidden(string code, string detail) => new(ErrorKind.Forbidden, code, detail);

    public static Error NotFound(string code, string detail) => new(ErrorKind.NotFound, code, detail);

    public static Error Conflict(string code, string detail) => new(ErrorKind.Conflict, code, detail);

    public static Error TooLarge(string code, string detail) => new(ErrorKind.TooLarge, code, detail);

    public static Error Unavailable(string code, string detail) => new(ErrorKind.Unavailable, code, detail);
}

/// <summary>The kinds of expected failure. Switches over it have no discard arm (CS8509 is an error).</summary>
public enum ErrorKind
{
    Invalid,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    TooLarge,
    Unavailable,
}
