using Switchboard.Core.Commands;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Tests.Commands;

/// <summary>
/// The first gate of dispatch: a command that a front end must not offer is refused there, with the
/// command's own reason. The chat front ends do not exist yet, so this decision is tested on its own.
/// </summary>
public sealed class NotOfferedTests
{
    private static readonly CommandDefinition SetToken = new("vault set", "Keep a token.", Permission.Anyone("vault.own"), [])
    {
        NotOfferedOn = new HashSet<FrontEnd> { FrontEnd.Slack, FrontEnd.Email, FrontEnd.Sms },
        NotOfferedReason = "Tokens are never entered in chat: run `sb vault set <service>`, which reads the token from standard input.",
    };

    [Theory]
    [InlineData(FrontEnd.Slack)]
    [InlineData(FrontEnd.Email)]
    [InlineData(FrontEnd.Sms)]
    public void AChatFrontEndRefusesTheCommandWithItsReason(FrontEnd frontEnd)
    {
        var refusal = CommandDispatcher.NotOffered(SetToken, frontEnd);

        Assert.Equal((ErrorKind.Forbidden, "core.not-offered-here"), (refusal?.Kind, refusal?.Code));
        Assert.Equal(SetToken.NotOfferedReason, refusal?.Detail);
    }

    [Theory]
    [InlineData(FrontEnd.Api)]
    [InlineData(FrontEnd.Cli)]
    [InlineData(FrontEnd.Web)]
    public void TheOtherFrontEndsOfferIt(FrontEnd frontEnd) => Assert.Null(CommandDispatcher.NotOffered(SetToken, frontEnd));

    [Fact]
    public void WithoutAReasonTheRefusalPointsAtAnotherFrontEnd()
    {
        var refusal = CommandDispatcher.NotOffered(SetToken with { NotOfferedReason = null }, FrontEnd.Slack);

        Assert.Equal("vault set is not offered from Slack; use another front end, such as the web console.", refusal?.Detail);
    }
}
