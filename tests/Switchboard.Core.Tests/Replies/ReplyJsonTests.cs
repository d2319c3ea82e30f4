using System.Text.Json;
using Switchboard.Core.Replies;

namespace Switchboard.Core.Tests.Replies;

public sealed class ReplyJsonTests
{
    private static readonly Reply EveryBlock = new(
        [
            new TextBlock("Deploying **web** to production."),
            new SectionBlock("Details", [new TextBlock("nested"), new FieldsBlock([new Field("Ref", "v1.4.2")])]),
            new FieldsBlock([new Field("App", "web"), new Field("Environment", "production")]),
            new LinkBlock("Build log", new Uri("https://builds.example.com/42")),
            new ButtonsBlock(
            [
                new Button("Approve", "deploy approve 42", null, ButtonStyle.Primary, "approve-42"),
                new Button("Cancel", "deploy cancel 42", "Cancel deployment 42?", ButtonStyle.Danger, "cancel-42"),
            ]),
        ],
        Severity.Warning,
        ReplacesReplyId: "reply-41");

    [Fact]
    public void RoundTripsAReplyWithEveryBlockType()
    {
        var json = ReplyJson.Serialize(EveryBlock);

        var reply = ReplyJson.Deserialize(json);

        Assert.Equal(Severity.Warning, reply.Severity);
        Assert.Equal("reply-41", reply.ReplacesReplyId);
        Assert.Equal(EveryBlock.Blocks.Select(b => b.GetType()), reply.Blocks.Select(b => b.GetType()));
        Assert.Equal("Deploying **web** to production.", Assert.IsType<TextBlock>(reply.Blocks[0]).Markdown);
        var section = Assert.IsType<SectionBlock>(reply.Blocks[1]);
        Assert.Equal("Details", section.Title);
        Assert.Equal(new Field("Ref", "v1.4.2"), Assert.Single(Assert.IsType<FieldsBlock>(section.Blocks[1]).Fields));
        Assert.Equal([new Field("App", "web"), new Field("Environment", "production")], Assert.IsType<FieldsBlock>(reply.Blocks[2]).Fields);
        Assert.Equal(new LinkBlock("Build log", new Uri("https://builds.example.com/42")), reply.Blocks[3]);
        Assert.Equal(
            [
                new Button("Approve", "deploy approve 42", null, ButtonStyle.Primary, "approve-42"),
                new Button("Cancel", "deploy cancel 42", "Cancel deployment 42?", ButtonStyle.Danger, "cancel-42"),
            ],
            Assert.IsType<ButtonsBlock>(reply.Blocks[4]).Buttons);
        Assert.Equal(json, ReplyJson.Serialize(reply));
    }

    [Fact]
    public void NamesEachBlockTypeInATypeProperty()
    {
        using var json = JsonDocument.Parse(ReplyJson.Serialize(EveryBlock));

        var blocks = json.RootElement.GetProperty("blocks").EnumerateArray().ToList();

        Assert.Equal(["text", "section", "fields", "link", "buttons"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("text", blocks[1].GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void WritesEnumsAsKebabCaseStrings()
    {
        using var json = JsonDocument.Parse(ReplyJson.Serialize(EveryBlock));

        var root = json.RootElement;
        var buttons = root.GetProperty("blocks")[4].GetProperty("buttons");

        Assert.Equal("warning", root.GetProperty("severity").GetString());
        Assert.Equal("primary", buttons[0].GetProperty("style").GetString());
        Assert.Equal("danger", buttons[1].GetProperty("style").GetString());
    }

    [Fact]
    public void UsesCamelCaseNamesAndLeavesOutNulls()
    {
        using var json = JsonDocument.Parse(ReplyJson.Serialize(EveryBlock));
        using var plain = JsonDocument.Parse(ReplyJson.Serialize(Reply.Text("hi")));

        var root = json.RootElement;
        var approve = root.GetProperty("blocks")[4].GetProperty("buttons")[0];

        Assert.Equal("reply-41", root.GetProperty("replacesReplyId").GetString());
        Assert.Equal("approve-42", approve.GetProperty("idempotencyKey").GetString());
        Assert.False(approve.TryGetProperty("confirm", out _));
        Assert.False(plain.RootElement.TryGetProperty("replacesReplyId", out _));
    }

    [Fact]
    public void ReadsKebabCaseEnumsBack()
    {
        var reply = ReplyJson.Deserialize("""{"blocks":[{"type":"text","markdown":"ok"}],"severity":"success"}""");

        Assert.Equal(Severity.Success, reply.Severity);
        Assert.Equal(new TextBlock("ok"), Assert.Single(reply.Blocks));
    }

    [Fact]
    public void RefusesAnEmptyStoredReply()
    {
        Assert.Throws<JsonException>(() => ReplyJson.Deserialize("null"));
    }
}
