using System.Text.Json;
using Switchboard.Core.Replies;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Modules.Slack.Rendering;
using Switchboard.Testing;

namespace Switchboard.Modules.Slack.Tests.Rendering;

/// <summary>Every reply shape as Block Kit, against approved files, and always inside the limits Slack enforces.</summary>
public sealed class BlockKitRendererTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Dictionary<string, string> Linked = new() { ["alice"] = "U0ALICE01" };

    public static TheoryData<string> Shapes => [.. Replies.Keys];

    private static Dictionary<string, Reply> Replies { get; } = new()
    {
        ["text"] = Reply.Text("Deploying **api**@`v1.4.2` to staging, see [the build](https://ci.example.com/runs/7?tab=log&step=2)."),
        ["escaping"] = Reply.Text("if a < b && b > c then <!channel> `x -> y` [a|b](https://example.com/a|b)"),
        ["severity-error"] = Reply.Text("No environment **prod** for app api.", Severity.Error),
        ["severity-warning"] = Reply.Text("Production is frozen until 17:00.", Severity.Warning),
        ["severity-success"] = Reply.Text("Deployed api to staging.", Severity.Success),
        ["section"] = Reply.Build()
            .Section("Incident #1234", s => s.Line("Database latency").Fields(("Status", "triggered"), ("Service", "db")).Section("Responders", r => r.Line("@alice and @bob")))
            .ToReply(),
        ["fields"] = Reply.Build().Fields(Enumerable.Range(1, 23).Select(i => ($"Field {i}", i == 7 ? new string('v', 2500) : $"value {i} & more"))).ToReply(),
        ["link"] = Reply.Build().Line("The runbook:").Link("Runbook <db>", new Uri("https://wiki.example.com/runbooks/db?x=1&y=2")).ToReply(),
        ["buttons"] = Reply.Build()
            .Line("Page from PagerDuty")
            .Buttons(
                new Button("Acknowledge", "pages ack 1234", null, ButtonStyle.Primary, "ack-1234"),
                new Button("Resolve", "pages resolve 1234", "Resolve incident **#1234** for everyone?", ButtonStyle.Danger, "resolve-1234"),
                new Button("Snooze " + new string('z', 100), "pages snooze 1234", "Snooze it " + new string('.', 400), ButtonStyle.Default, "snooze-1234"))
            .ToReply(),
        ["buttons-many"] = Reply.Build()
            .Buttons(Enumerable.Range(1, 30).Select(i => new Button($"Retry {i}", $"deliveries retry {i}", null, ButtonStyle.Default, $"retry-{i}")))
            .ToReply(),
        ["mentions"] = Reply.Text("@alice paged @bob; mail alice@example.com. @Alice again."),
        ["long-text"] = Reply.Text(string.Join('\n', Enumerable.Range(1, 300).Select(i => $"line {i}: [link {i}](https://example.com/{i}) & so on"))),
        ["too-many-blocks"] = new Reply(Enumerable.Range(1, 70).Select(i => (ReplyBlock)new TextBlock($"Item {i}")).ToList()),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RendersAsApproved(string shape)
    {
        var message = BlockKitRenderer.Render(Replies[shape], Linked);

        ApprovedFile.AssertMatches(
            $"text: {message.Text}\n\nblocks:\n{message.Blocks.ToJsonString(Indented)}\n", shape);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void StaysWithinSlacksLimits(string shape)
    {
        var message = BlockKitRenderer.Render(Replies[shape], Linked);

        Assert.Null(BlockKitLimits.Violation(message.Blocks));
        Assert.InRange(message.Text.Length, 1, BlockKitRenderer.MaxFallbackText);
    }

    [Fact]
    public void AHugeReplyOfEveryShapeStillFits()
    {
        var huge = Reply.Build(Severity.Error);
        for (var i = 0; i < 40; i++)
        {
            huge.Line(new string('x', 5000))
                .Fields(Enumerable.Range(0, 15).Select(f => ($"f{f}", new string('&', 3000))))
                .Buttons(Enumerable.Range(0, 40).Select(b => new Button(new string('b', 200), "help", new string('?', 500), ButtonStyle.Danger, $"k{i}-{b}")));
        }

        var message = BlockKitRenderer.Render(huge.ToReply());

        Assert.Null(BlockKitLimits.Violation(message.Blocks));
        Assert.Equal(BlockKitRenderer.MaxBlocks, message.Blocks.Count);
        Assert.Contains("console shows it whole", message.Blocks[^1]!.ToJsonString(), StringComparison.Ordinal);
    }
}
