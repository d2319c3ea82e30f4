using System.Text.Json.Serialization;

namespace Switchboard.Core.Replies;

/// <summary>
/// A reply in a portable shape that every front end renders its own way: blocks of text in a small
/// markdown subset (<c>**bold**</c>, <c>_italic_</c>, <c>`code`</c>, <c>[text](url)</c>), titled
/// sections, key/value fields, links and buttons that run other commands.
/// </summary>
/// <param name="ReplacesReplyId">When set, this reply updates an earlier one (a page that was acknowledged).</param>
public sealed record Reply(IReadOnlyList<ReplyBlock> Blocks, Severity Severity = Severity.Info, string? ReplacesReplyId = null)
{
    public static Reply Text(string markdown, Severity severity = Severity.Info) => new([new TextBlock(markdown)], severity);

    public static ReplyBuilder Build(Severity severity = Severity.Info) => new(severity);
}

public enum Severity
{
    Info,
    Success,
    Warning,
    Error,
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "text")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(FieldsBlock), "fields")]
[JsonDerivedType(typeof(LinkBlock), "link")]
[JsonDerivedType(typeof(ButtonsBlock), "buttons")]
public abstract record ReplyBlock;

public sealed record TextBlock(string Markdown) : ReplyBlock;

public sealed record SectionBlock(string Title, IReadOnlyList<ReplyBlock> Blocks) : ReplyBlock;

public sealed record FieldsBlock(IReadOnlyList<Field> Fields) : ReplyBlock;

public sealed record Field(string Name, string Value);

public sealed record LinkBlock(string Text, Uri Url) : ReplyBlock;

public sealed record ButtonsBlock(IReadOnlyList<Button> Buttons) : ReplyBlock;

/// <param name="Command">The command line the button runs, as the person who clicks it.</param>
/// <param name="Confirm">A question to confirm before running, for destructive actions.</param>
/// <param name="IdempotencyKey">Sent with the click, so a double click runs the command once.</param>
public sealed record Button(string Label, string Command, string? Confirm, ButtonStyle Style, string IdempotencyKey);

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}
