using Spectre.Console;
using Spectre.Console.Rendering;
using Switchboard.Cli.Api;
using Switchboard.Core.Replies;

namespace Switchboard.Cli.Rendering;

/// <summary>A reply for a terminal: sections as headings, fields as an aligned grid, buttons with the command each runs.</summary>
internal static class ReplyRenderer
{
    private static readonly Style FieldName = new(decoration: Decoration.Bold);
    private static readonly Style Command = new(Color.Aqua);
    private static readonly Style Muted = new(decoration: Decoration.Dim);

    public static IRenderable Render(CommandReply reply, IReadOnlyList<ReplyBlock> blocks)
    {
        var style = new Style(ColourOf(reply.Severity));
        var rows = new List<IRenderable>();
        var prefix = reply.Severity switch
        {
            Severity.Error => "Error: ",
            Severity.Warning => "Warning: ",
            Severity.Info or Severity.Success => null,
        };
        if (prefix is not null)
        {
            var heading = new Paragraph().Append(prefix, new Style(style.Foreground, decoration: Decoration.Bold));
            if (blocks is [TextBlock first, ..])
            {
                rows.Add(MarkdownText.AppendTo(heading, first.Markdown, style));
                blocks = blocks.Skip(1).ToList();
            }
            else
            {
                rows.Add(heading);
            }
        }

        rows.AddRange(blocks.Select(block => RenderBlock(block, style)));
        return new Rows(rows);
    }

    public static Color? ColourOf(Severity severity) => severity switch
    {
        Severity.Info => null,
        Severity.Success => Color.Green,
        Severity.Warning => Color.Yellow,
        Severity.Error => Color.Red,
    };

    private static IRenderable RenderBlock(ReplyBlock block, Style style) => block switch
    {
        TextBlock text => MarkdownText.ToParagraph(text.Markdown, style),
        SectionBlock section => new Rows(
            new Markup($"[bold underline]{Markup.Escape(section.Title)}[/]"),
            new Padder(new Rows(section.Blocks.Select(inner => RenderBlock(inner, Style.Plain))), new Padding(2, 0, 0, 0))),
        FieldsBlock fields => Grid(fields),
        LinkBlock link => new Paragraph()
            .Append(link.Text + ": ")
            .Append(link.Url.ToString(), new Style(Color.Blue, decoration: Decoration.Underline), new Link(link.Url.ToString())),
        ButtonsBlock buttons => new Rows(buttons.Buttons.Select(Button)),
        _ => new Text($"({block.GetType().Name} cannot be shown here; use --plain)", Muted),
    };

    private static Grid Grid(FieldsBlock fields)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.AddColumn();
        foreach (var field in fields.Fields)
        {
            grid.AddRow(new Text(field.Name, FieldName), new Text(field.Value));
        }

        return grid;
    }

    private static Paragraph Button(Button button)
    {
        var label = button.Style switch
        {
            ButtonStyle.Default => new Style(decoration: Decoration.Bold),
            ButtonStyle.Primary => new Style(Color.Blue, decoration: Decoration.Bold),
            ButtonStyle.Danger => new Style(Color.Red, decoration: Decoration.Bold),
        };
        var line = new Paragraph()
            .Append("[" + button.Label + "]", label)
            .Append(" runs ")
            .Append(button.Command, Command);
        return button.Confirm is { Length: > 0 } confirm ? line.Append($" (asks first: {confirm})", Muted) : line;
    }
}
