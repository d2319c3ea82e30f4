namespace Switchboard.Core.Commands;

/// <summary>
/// Everything a front end and dispatch need to know about a command, declared once beside its handler.
/// </summary>
/// <param name="Verb">The words that name it, lower case: <c>whoami</c>, <c>team create</c>, <c>pages ack</c>.</param>
/// <param name="Summary">One line for <c>help</c>.</param>
/// <param name="Permission">Who may run it.</param>
/// <param name="Examples">Full command lines that work; <c>help</c> shows them and a test runs them.</param>
public sealed record CommandDefinition(
    string Verb,
    string Summary,
    PermissionPolicy Permission,
    IReadOnlyList<string> Examples)
{
    /// <summary>Read-only commands may run with read-only tokens and are counted, not audited, by default.</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>The assurance the command needs; may depend on its arguments.</summary>
    public AssurancePolicy Assurance { get; init; } = AssurancePolicy.Identified;

    /// <summary>
    /// The reply shows a secret (a new API token). A repeat of the request with the same idempotency key
    /// says that it ran instead of showing the secret again, and the secret is never stored.
    /// </summary>
    public bool RevealsSecret { get; init; }

    /// <summary>Whether a run needs a second person's approval; may depend on its arguments.</summary>
    public ApprovalPolicy Approval { get; init; } = ApprovalPolicy.None;

    /// <summary>
    /// Command lines, one for each use that needs a different permission, assurance or approval
    /// (<c>factors remove totp</c>, <c>factors remove totp --for @bob</c>): <c>permissions</c> and the
    /// authorization matrix show one row each. When empty, the first example stands for every use, or the bare verb.
    /// </summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    /// <summary>Front ends that must not offer the command (entering a secret is never offered in chat).</summary>
    public IReadOnlySet<FrontEnd> NotOfferedOn { get; init; } = new HashSet<FrontEnd>();

    /// <summary>Why the front ends in <see cref="NotOfferedOn"/> refuse the command, and where to run it instead.</summary>
    public string? NotOfferedReason { get; init; }

    /// <summary>
    /// When set, dispatch reports each successful run to the security feed as this kind of suspect action
    /// (one of <see cref="Security.SuspectActionKinds"/>): a vault or role change that people should see happen.
    /// </summary>
    public string? ReportedAs { get; init; }
}
