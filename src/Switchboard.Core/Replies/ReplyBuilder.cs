namespace Switchboard.Core.Replies;

/// <summary>Builds a reply top to bottom: <c>Reply.Build().Line("...").Fields(...).ToReply()</c>.</summary>
public sealed class ReplyBuilder(Severity severity)
{
    private readonly List<ReplyBlock> _blocks = [];

    public ReplyBuilder Line(string markdown)
    {
        _blocks.Add(new TextBlock(markdown));
        return this;
    }

    public ReplyBuilder Section(string title, Action<ReplyBuilder> content)
    {
        var inner = new ReplyBuilder(severity);
        content(inner);
        _blocks.Add(new SectionBlock(title, inner._blocks));
        return this;
    }

    public ReplyBuilder Fields(params IEnumerable<(string Name, string Value)> fields)
    {
        _blocks.Add(new FieldsBlock(fields.Select(f => new Field(f.Name, f.Value)).ToList()));
        return this;
    }

    public ReplyBuilder Link(string text, Uri url)
    {
        _blocks.Add(new LinkBlock(text, url));
        return this;
    }

    public ReplyBuilder Buttons(params IEnumerable<Button> buttons)
    {
        _blocks.Add(new ButtonsBlock(buttons.ToList()));
        return this;
    }

    public Reply ToReply() => new(_blocks.ToList(), severity);
}
