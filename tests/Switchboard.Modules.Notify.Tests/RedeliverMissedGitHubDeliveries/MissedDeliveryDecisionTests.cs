using Switchboard.Modules.Notify.RedeliverMissedGitHubDeliveries;

namespace Switchboard.Modules.Notify.Tests.RedeliverMissedGitHubDeliveries;

/// <summary>Which configured hooks parse, and which of a hook's delivery attempts count as an event never delivered.</summary>
public sealed class MissedDeliveryDecisionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Codertocat/Hello-World:480000001", "Codertocat", "Hello-World", 480000001L)]
    [InlineData(" octo-org:12 ", "octo-org", null, 12L)]
    [InlineData("a/b.c_d-e:1", "a", "b.c_d-e", 1L)]
    public void AHookIsARepositoryOrAnOrganisationAndAnId(string text, string owner, string? repository, long id)
    {
        Assert.Equal(new WatchedHook(owner, repository, id), WatchedHook.Parse(text));
    }

    [Theory]
    [InlineData("Codertocat/Hello-World")]
    [InlineData("Codertocat/Hello-World:")]
    [InlineData("Codertocat/Hello-World:0")]
    [InlineData("Codertocat/Hello-World:12x")]
    [InlineData("Codertocat/../x:1")]
    [InlineData("Codertocat/..:1")]
    [InlineData("https://api.github.com/repos/a/b/hooks/1")]
    [InlineData(":1")]
    public void AnythingElseIsNotAHook(string text)
    {
        Assert.Null(WatchedHook.Parse(text));
    }

    [Fact]
    public void AnEventIsUndeliveredWhenNoneOfItsAttemptsIsOkAndItsNewestAttemptIsTheOneToRedeliver()
    {
        HookDeliveryItem[] attempts =
        [
            Attempt(7, "g-retried-ok", 200, "OK", redelivery: true),
            Attempt(6, "g-failed-twice", 0, "failed to connect", redelivery: true),
            Attempt(5, "g-refused", 401, "Invalid HTTP Response: 401"),
            Attempt(4, "g-retried-ok", 0, "failed to connect"),
            Attempt(3, "g-fine", 202, "OK"),
            Attempt(2, "g-failed-twice", 0, "timed out"),
        ];

        var undelivered = GitHubDeliveryReconciler.Undelivered(attempts);

        Assert.Equal([("g-failed-twice", 6L), ("g-refused", 5L)], undelivered.Select(d => (d.Guid, d.Id)));
    }

    private static HookDeliveryItem Attempt(long id, string guid, int statusCode, string status, bool redelivery = false) =>
        new(id, guid, At, redelivery, status, statusCode, "issues", "opened");
}
