using System.Globalization;
using System.Text;
using Switchboard.Modules.Slack.Inbound;

namespace Switchboard.Modules.Slack.Tests.Inbound;

public sealed class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&team_id=T1&user_id=U1&command=%2Fsb&text=whoami");

    [Fact]
    public void MatchesSlacksPublishedExample()
    {
        // The worked example in https://api.slack.com/authentication/verifying-requests-from-slack
        var body = Encoding.UTF8.GetBytes(
            "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

        var signature = SlackSignature.Sign("1531420618", body, Secret);

        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", signature);
    }

    [Fact]
    public void AcceptsAFreshRequestSignedWithTheSecret()
    {
        var timestamp = Now.AddMinutes(-4).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var refusal = SlackSignature.Check(SlackSignature.Sign(timestamp, Body, Secret), timestamp, Body, Secret, Now);

        Assert.Null(refusal);
    }

    [Theory]
    [InlineData(null, "1795597200", "slack.signature-missing")]
    [InlineData("v0=00", null, "slack.signature-missing")]
    [InlineData("v0=00", "1795597200", "slack.signature-mismatch")]
    [InlineData("v0=00", "yesterday", "slack.signature-mismatch")]
    public void RefusesAMissingOrWrongSignature(string? signature, string? timestamp, string code)
    {
        var refusal = SlackSignature.Check(signature, timestamp, Body, Secret, Now);

        Assert.Equal(code, refusal?.Code);
    }

    [Theory]
    [InlineData(-6, "slack.stale-request")]
    [InlineData(6, "slack.request-from-the-future")]
    public void RefusesACorrectlySignedRequestMoreThanFiveMinutesFromNow(int minutes, string code)
    {
        var timestamp = Now.AddMinutes(minutes).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var refusal = SlackSignature.Check(SlackSignature.Sign(timestamp, Body, Secret), timestamp, Body, Secret, Now);

        Assert.Equal(code, refusal?.Code);
    }

    [Fact]
    public void RefusesABodyChangedAfterSigning()
    {
        var timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = SlackSignature.Sign(timestamp, Body, Secret);

        var refusal = SlackSignature.Check(signature, timestamp, Encoding.UTF8.GetBytes("token=x&team_id=T1&user_id=U1&command=%2Fsb&text=person+disable+%40ada"), Secret, Now);

        Assert.Equal("slack.signature-mismatch", refusal?.Code);
    }
}
