using Switchboard.Core.Commands;

namespace Switchboard.Core.Tests.Commands;

public sealed class DistanceTests
{
    [Theory]
    [InlineData("deploy", "deploy", 0)]
    [InlineData("", "team", 4)]
    [InlineData("team", "", 4)]
    [InlineData("whoami", "whoam", 1)]
    [InlineData("deploy", "deplyo", 2)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("pages ack", "pagse ack", 2)]
    public void CountsTheEditsBetweenTwoWords(string a, string b, int expected)
    {
        Assert.Equal(expected, Distance.Between(a, b));
    }

    [Theory]
    [InlineData("team create", "tem")]
    [InlineData("flaw", "lawn")]
    public void IsTheSameInBothDirections(string a, string b)
    {
        Assert.Equal(Distance.Between(a, b), Distance.Between(b, a));
    }
}
