using Switchboard.Core.Errors;
using Switchboard.Core.Parsing;

namespace Switchboard.Core.Tests.Parsing;

public sealed class CommandLineParserTests
{
    [Fact]
    public void SplitsWordsOnAnyRunOfWhitespace()
    {
        var line = CommandLineParser.Parse("  deploy web \t to\nproduction ");

        Assert.Null(line.Error);
        Assert.Equal(["deploy", "web", "to", "production"], line.Tokens.Select(t => t.Text));
        Assert.All(line.Tokens, t => Assert.Equal(TokenKind.Word, t.Kind));
    }

    [Fact]
    public void RecordsWhereEachTokenStarts()
    {
        var line = CommandLineParser.Parse("team  add @alice");

        Assert.Equal([0, 6, 10], line.Tokens.Select(t => t.Position));
    }

    [Fact]
    public void DoubleQuotesKeepSpacesInOneWord()
    {
        var line = CommandLineParser.Parse("say \"the build  is green\" now");

        Assert.Equal(["say", "the build  is green", "now"], line.Tokens.Select(t => t.Text));
    }

    [Fact]
    public void SingleQuotesKeepSpacesInOneWord()
    {
        var line = CommandLineParser.Parse("say 'the build is green'");

        Assert.Equal(["say", "the build is green"], line.Tokens.Select(t => t.Text));
    }

    [Fact]
    public void CurlyDoubleQuotesFromPhonesAndChatClientsWork()
    {
        var line = CommandLineParser.Parse("say “the build is green”");

        Assert.Equal(["say", "the build is green"], line.Tokens.Select(t => t.Text));
    }

    [Fact]
    public void CurlySingleQuotesWork()
    {
        var line = CommandLineParser.Parse("say ‘the build is green’");

        Assert.Equal(["say", "the build is green"], line.Tokens.Select(t => t.Text));
    }

    [Fact]
    public void AnOpeningCurlyQuoteMayBeClosedByAStraightOne()
    {
        var line = CommandLineParser.Parse("say “the build is green\"");

        Assert.Null(line.Error);
        Assert.Equal("the build is green", line.Tokens[1].Text);
    }

    [Fact]
    public void QuotesAndAdjacentTextJoinIntoOneWord()
    {
        var line = CommandLineParser.Parse("ab\"c d\"e");

        Assert.Equal("abc de", Assert.Single(line.Tokens).Text);
    }

    [Fact]
    public void AnEmptyQuotedStringIsAnEmptyWord()
    {
        var line = CommandLineParser.Parse("set \"\"");

        Assert.Equal(["set", ""], line.Tokens.Select(t => t.Text));
    }

    [Fact]
    public void BackslashEscapesAQuoteOrABackslashInsideDoubleQuotes()
    {
        var line = CommandLineParser.Parse("""say "she said \"hi\" from C:\\temp" """);

        Assert.Equal("""she said "hi" from C:\temp""", line.Tokens[1].Text);
    }

    [Fact]
    public void BackslashBeforeAnyOtherCharacterIsKept()
    {
        var line = CommandLineParser.Parse("""say "a\nb" """);

        Assert.Equal("""a\nb""", line.Tokens[1].Text);
    }

    [Fact]
    public void BackslashIsLiteralInsideSingleQuotes()
    {
        var line = CommandLineParser.Parse("""say 'C:\temp\' """);

        Assert.Null(line.Error);
        Assert.Equal("""C:\temp\""", line.Tokens[1].Text);
    }

    [Fact]
    public void AnOptionFollowedByAWordLeavesTheValueAsTheNextToken()
    {
        var line = CommandLineParser.Parse("deploy --to production");

        Assert.Equal(TokenKind.Option, line.Tokens[1].Kind);
        Assert.Equal("to", line.Tokens[1].Text);
        Assert.Null(line.Tokens[1].InlineValue);
        Assert.Equal(new Token(TokenKind.Word, "production", 12), line.Tokens[2]);
    }

    [Fact]
    public void AnOptionWithAnEqualsSignCarriesItsValueInline()
    {
        var line = CommandLineParser.Parse("deploy --to=production");

        var option = line.Tokens[1];
        Assert.Equal(2, line.Tokens.Count);
        Assert.Equal(TokenKind.Option, option.Kind);
        Assert.Equal("to", option.Text);
        Assert.Equal("production", option.InlineValue);
    }

    [Fact]
    public void AnInlineValueKeepsEverythingAfterTheFirstEqualsSign()
    {
        var line = CommandLineParser.Parse("set --filter=a=b");

        Assert.Equal("filter", line.Tokens[1].Text);
        Assert.Equal("a=b", line.Tokens[1].InlineValue);
    }

    [Fact]
    public void AnOptionWithAnEmptyInlineValueHasAnEmptyValue()
    {
        var line = CommandLineParser.Parse("set --note=");

        Assert.Equal("", line.Tokens[1].InlineValue);
    }

    [Fact]
    public void AQuotedInlineValueStaysAnOption()
    {
        var line = CommandLineParser.Parse("deploy --note=\"hot fix\"");

        var option = line.Tokens[1];
        Assert.Equal(TokenKind.Option, option.Kind);
        Assert.Equal("note", option.Text);
        Assert.Equal("hot fix", option.InlineValue);
    }

    [Fact]
    public void AFlagIsAnOptionWithoutAValue()
    {
        var line = CommandLineParser.Parse("deploy --force");

        var flag = line.Tokens[1];
        Assert.Equal(TokenKind.Option, flag.Kind);
        Assert.Equal("force", flag.Text);
        Assert.Null(flag.InlineValue);
    }

    [Fact]
    public void OptionNamesAreLowerCasedButTheirValuesAreNot()
    {
        var line = CommandLineParser.Parse("deploy --To=Production");

        Assert.Equal("to", line.Tokens[1].Text);
        Assert.Equal("Production", line.Tokens[1].InlineValue);
    }

    [Fact]
    public void TwoDashesAloneAreAWord()
    {
        var line = CommandLineParser.Parse("say --");

        Assert.Equal(new Token(TokenKind.Word, "--", 4), line.Tokens[1]);
    }

    [Fact]
    public void AQuotedOptionIsAWord()
    {
        var line = CommandLineParser.Parse("say \"--force\"");

        Assert.Equal(new Token(TokenKind.Word, "--force", 4), line.Tokens[1]);
    }

    [Fact]
    public void AnAtSignNamesAPerson()
    {
        var line = CommandLineParser.Parse("team add @alice");

        Assert.Equal(new Token(TokenKind.Person, "alice", 9), line.Tokens[2]);
    }

    [Fact]
    public void AHashNamesAChannel()
    {
        var line = CommandLineParser.Parse("say #ops hello");

        Assert.Equal(new Token(TokenKind.Channel, "ops", 4), line.Tokens[1]);
    }

    [Theory]
    [InlineData("@")]
    [InlineData("#")]
    public void ALoneSigilIsAWord(string sigil)
    {
        var line = CommandLineParser.Parse($"say {sigil}");

        Assert.Equal(new Token(TokenKind.Word, sigil, 4), line.Tokens[1]);
    }

    [Theory]
    [InlineData("\"@alice\"", "@alice")]
    [InlineData("'#ops'", "#ops")]
    public void AQuotedSigilIsAWord(string written, string text)
    {
        var line = CommandLineParser.Parse(written);

        Assert.Equal(new Token(TokenKind.Word, text, 0), Assert.Single(line.Tokens));
    }

    [Fact]
    public void TokensAreWrittenBackWithTheirSigils()
    {
        var line = CommandLineParser.Parse("x @alice #ops --to=prod --force");

        Assert.Equal(["x", "@alice", "#ops", "--to=prod", "--force"], line.Tokens.Select(t => t.AsWritten));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void EmptyInputHasNoTokensAndNoError(string text)
    {
        var line = CommandLineParser.Parse(text);

        Assert.Null(line.Error);
        Assert.Empty(line.Tokens);
    }

    [Theory]
    [InlineData("say \"hello", 5)]
    [InlineData("say “hello", 5)]
    [InlineData("say ok \"a\\\"", 8)]
    public void AnUnterminatedQuoteIsRefusedWithWhereItOpened(string text, int character)
    {
        var line = CommandLineParser.Parse(text);

        Assert.NotNull(line.Error);
        Assert.Equal(ErrorKind.Invalid, line.Error.Kind);
        Assert.Equal("core.unterminated-quote", line.Error.Code);
        Assert.Contains($"character {character}", line.Error.Detail, StringComparison.Ordinal);
        Assert.Empty(line.Tokens);
    }

    [Theory]
    [InlineData("say #ops we're deploying", "we're")]
    [InlineData("say #ops 'tis done", "'tis")]
    public void AnApostropheThatOpensNoQuotedTextIsJustAnApostrophe(string text, string word)
    {
        var line = CommandLineParser.Parse(text);

        Assert.Null(line.Error);
        Assert.Equal(word, line.Tokens[2].Text);
    }

    [Fact]
    public void ASingleQuoteAtTheStartOfAWordQuotesUntilItCloses()
    {
        var line = CommandLineParser.Parse("say #ops 'we are deploying' now");

        Assert.Equal(["say", "ops", "we are deploying", "now"], line.Tokens.Select(t => t.Text));
    }

    [Theory]
    [InlineData("say #ops a\u0000b", 11)]
    [InlineData("say #ops line\nnext\u0007", 19)]
    public void AControlCharacterIsRefusedWithWhereItIs(string text, int character)
    {
        var line = CommandLineParser.Parse(text);

        Assert.Equal("core.control-character", line.Error?.Code);
        Assert.Contains($"Character {character}", line.Error?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewlineOrTabIsWhitespace()
    {
        var line = CommandLineParser.Parse("say\t#ops\nhello");

        Assert.Equal(["say", "ops", "hello"], line.Tokens.Select(t => t.Text));
    }

    [Fact]
    public void ALineOverTheLimitIsTooLarge()
    {
        var line = CommandLineParser.Parse(new string('a', CommandLineParser.MaxLength + 1));

        Assert.NotNull(line.Error);
        Assert.Equal(ErrorKind.TooLarge, line.Error.Kind);
        Assert.Equal("core.command-too-long", line.Error.Code);
        Assert.Empty(line.Tokens);
    }

    [Fact]
    public void ALineAtTheLimitIsAccepted()
    {
        var line = CommandLineParser.Parse(new string('a', CommandLineParser.MaxLength));

        Assert.Null(line.Error);
        Assert.Equal(CommandLineParser.MaxLength, Assert.Single(line.Tokens).Text.Length);
    }
}
