using Switchboard.Cli.RunCommand;
using Switchboard.Core.Parsing;

namespace Switchboard.Cli.Tests.RunCommand;

/// <summary>The words the shell hands sb must be the words Switchboard's parser reads back.</summary>
public sealed class CommandLineTextTests
{
    [Theory]
    [InlineData("say", "#ops", "two words")]
    [InlineData("say", "@bob", "it's", "\"quoted\"", "“curly”")]
    [InlineData("whois", "Alice Example")]
    [InlineData("say", "#ops", "a\\b", "back\\\"slash", "")]
    [InlineData("token", "create", "laptop", "--read-only", "--expires-in-days=90")]
    public void TheServersParserReadsBackTheSameWords(params string[] words)
    {
        var line = CommandLineText.Join(words);

        var parsed = CommandLineParser.Parse(line);

        Assert.Null(parsed.Error);
        Assert.Equal(words, parsed.Tokens.Select(token => token.AsWritten));
    }

    [Fact]
    public void OnlyWordsThatNeedItAreQuotedSoChannelsAndOptionsKeepTheirMeaning()
    {
        var line = CommandLineText.Join(["say", "#ops", "--loud", "two words"]);

        Assert.Equal("say #ops --loud \"two words\"", line);
    }

    [Fact]
    public void AnOptionValueWithSpacesIsSentAsTheOptionFollowedByTheQuotedValue()
    {
        var parsed = CommandLineParser.Parse(CommandLineText.Join(["pages", "ack", "--note=on it now"]));

        Assert.Collection(
            parsed.Tokens,
            token => Assert.Equal("pages", token.Text),
            token => Assert.Equal("ack", token.Text),
            token => Assert.Equal((TokenKind.Option, "note"), (token.Kind, token.Text)),
            token => Assert.Equal((TokenKind.Word, "on it now"), (token.Kind, token.Text)));
    }
}
