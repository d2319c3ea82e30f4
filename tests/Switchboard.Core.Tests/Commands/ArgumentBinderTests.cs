using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Parsing;

namespace Switchboard.Core.Tests.Commands;

public sealed class ArgumentBinderTests
{
    private const string TeamAddUsage = "team add <team> <person> [--role <role>] [--force] [--expires-in-days <expires-in-days>]";

    [Fact]
    public void BindsPositionalsInOrder()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops @alice");

        Assert.Null(bound.Error);
        var arguments = Assert.IsType<TeamAddArguments>(bound.Arguments);
        Assert.Equal("ops", arguments.Team);
        Assert.Equal(new PersonReference("alice"), arguments.Person);
    }

    [Fact]
    public void LeavesOmittedOptionsAtTheirDefaults()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops @alice");

        Assert.Equal(new TeamAddArguments("ops", new PersonReference("alice"), TeamRole.Member, false, null), bound.Arguments);
    }

    [Theory]
    [InlineData("--role lead --force ops @alice")]
    [InlineData("ops --role lead @alice --force")]
    [InlineData("ops @alice --force --role=lead")]
    public void TakesOptionsAnywhereOnTheLine(string words)
    {
        var bound = BindLine<TeamAddArguments>("team add", words);

        Assert.Equal(new TeamAddArguments("ops", new PersonReference("alice"), TeamRole.Lead, true, null), bound.Arguments);
    }

    [Fact]
    public void APersonMayBeWrittenWithoutTheAtSign()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops alice");

        Assert.Equal(new PersonReference("alice"), Assert.IsType<TeamAddArguments>(bound.Arguments).Person);
    }

    [Fact]
    public void AFlagDoesNotTakeTheNextWord()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops --force @alice");

        var arguments = Assert.IsType<TeamAddArguments>(bound.Arguments);
        Assert.True(arguments.Force);
        Assert.Equal(new PersonReference("alice"), arguments.Person);
    }

    [Fact]
    public void AFlagMayBeSetExplicitlyToFalse()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops @alice --force=false");

        Assert.False(Assert.IsType<TeamAddArguments>(bound.Arguments).Force);
    }

    [Theory]
    [InlineData("lead", TeamRole.Lead)]
    [InlineData("LEAD", TeamRole.Lead)]
    [InlineData("on-call-deputy", TeamRole.OnCallDeputy)]
    [InlineData("On-Call-Deputy", TeamRole.OnCallDeputy)]
    public void ParsesEnumsCaseInsensitivelyByTheirKebabCaseNames(string written, TeamRole expected)
    {
        var bound = BindLine<TeamAddArguments>("team add", $"ops @alice --role {written}");

        Assert.Equal(expected, Assert.IsType<TeamAddArguments>(bound.Arguments).Role);
    }

    [Theory]
    [InlineData("oncalldeputy")]
    [InlineData("1")]
    [InlineData("boss")]
    public void RefusesAnEnumValueThatIsNotOneOfTheKebabCaseNames(string written)
    {
        var bound = BindLine<TeamAddArguments>("team add", $"ops @alice --role {written}");

        var error = AssertRefused(bound, "core.invalid-argument");
        Assert.Contains($"<role> must be one of member|lead|on-call-deputy, not '{written}'.", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsesAnIntegerOption()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops @alice --expires-in-days 30");

        Assert.Equal(30, Assert.IsType<TeamAddArguments>(bound.Arguments).ExpiresInDays);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void RefusesAnInvalidInteger(string written)
    {
        var bound = BindLine<TeamAddArguments>("team add", $"ops @alice --expires-in-days {written}");

        var error = AssertRefused(bound, "core.invalid-argument");
        Assert.Contains($"<expires-in-days> must be integer, not '{written}'.", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRequiredArgumentIsNamedWithTheUsage()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops");

        var error = AssertRefused(bound, "core.missing-argument");
        Assert.Contains("<person>", error.Detail, StringComparison.Ordinal);
        Assert.Contains("The person to add.", error.Detail, StringComparison.Ordinal);
        Assert.EndsWith("Usage: " + TeamAddUsage, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownOptionIsRefusedWithTheValidOnes()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops @alice --colour red");

        var error = AssertRefused(bound, "core.unknown-option");
        Assert.Contains("--colour", error.Detail, StringComparison.Ordinal);
        Assert.Contains("--role, --force, --expires-in-days", error.Detail, StringComparison.Ordinal);
        Assert.EndsWith("Usage: " + TeamAddUsage, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionGivenToACommandWithoutOptionsIsRefused()
    {
        var bound = BindLine<SayArguments>("say", "#ops hi --loud");

        var error = AssertRefused(bound, "core.unknown-option");
        Assert.Contains("say takes no options, and --loud is not one.", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ops @alice --role")]
    [InlineData("ops @alice --role --force")]
    public void AnOptionMissingItsValueIsRefused(string words)
    {
        var bound = BindLine<TeamAddArguments>("team add", words);

        var error = AssertRefused(bound, "core.missing-option-value");
        Assert.Contains("--role needs a value", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyArgumentsNamesTheFirstExtraOne()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops @alice @bob @carol");

        var error = AssertRefused(bound, "core.too-many-arguments");
        Assert.Contains("'@bob' is one argument too many for team add.", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnArgumentThatTakesTheRestJoinsTheRemainingWords()
    {
        var bound = BindLine<SayArguments>("say", "#ops the build   is \"very green\" for @alice in #web");

        var arguments = Assert.IsType<SayArguments>(bound.Arguments);
        Assert.Equal(new ChannelReference("ops"), arguments.Channel);
        Assert.Equal("the build is very green for @alice in #web", arguments.Message);
    }

    [Fact]
    public void AnArgumentThatTakesTheRestIsStillRequired()
    {
        var bound = BindLine<SayArguments>("say", "#ops");

        var error = AssertRefused(bound, "core.missing-argument");
        Assert.Contains("<message>", error.Detail, StringComparison.Ordinal);
        Assert.EndsWith("Usage: say <channel> <message...>", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#ops")]
    [InlineData("ops")]
    [InlineData("#Ops")]
    [InlineData("\"#ops\"")]
    public void AChannelMayBeWrittenWithOrWithoutTheHash(string written)
    {
        var bound = BindLine<SayArguments>("say", $"{written} hello");

        Assert.Equal(new ChannelReference("ops"), Assert.IsType<SayArguments>(bound.Arguments).Channel);
    }

    [Fact]
    public void ALoneHashIsNotAChannel()
    {
        var bound = BindLine<SayArguments>("say", "# hello");

        var error = AssertRefused(bound, "core.invalid-argument");
        Assert.Contains("<channel> must name a channel", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BindsNamedValuesFromAStructuredRequest()
    {
        var named = new Dictionary<string, string?>
        {
            ["team"] = "ops",
            ["person"] = "@alice",
            ["role"] = "on-call-deputy",
            ["force"] = "true",
            ["expires-in-days"] = "7",
        };

        var bound = ArgumentBinder.Bind("team add", Signature<TeamAddArguments>(), named);

        Assert.Null(bound.Error);
        Assert.Equal(new TeamAddArguments("ops", new PersonReference("alice"), TeamRole.OnCallDeputy, true, 7), bound.Arguments);
    }

    [Theory]
    [InlineData("expires-in-days")]
    [InlineData("expiresInDays")]
    [InlineData("ExpiresInDays")]
    [InlineData("--expires-in-days")]
    public void StructuredNamesMayBeKebabOrCamelCase(string name)
    {
        var named = new Dictionary<string, string?> { ["team"] = "ops", ["person"] = "alice", [name] = "7" };

        var bound = ArgumentBinder.Bind("team add", Signature<TeamAddArguments>(), named);

        Assert.Equal(7, Assert.IsType<TeamAddArguments>(bound.Arguments).ExpiresInDays);
    }

    [Fact]
    public void AnUnknownStructuredNameIsRefusedWithTheKnownOnes()
    {
        var named = new Dictionary<string, string?> { ["team"] = "ops", ["person"] = "alice", ["colour"] = "red" };

        var bound = ArgumentBinder.Bind("team add", Signature<TeamAddArguments>(), named);

        var error = AssertRefused(bound, "core.unknown-argument");
        Assert.Contains("team add has no argument 'colour'; it takes team, person, role, force, expires-in-days.", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ANullStructuredValueCountsAsMissing()
    {
        var named = new Dictionary<string, string?> { ["team"] = "ops", ["person"] = null };

        var bound = ArgumentBinder.Bind("team add", Signature<TeamAddArguments>(), named);

        var error = AssertRefused(bound, "core.missing-argument");
        Assert.Contains("<person>", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCanonicalTextListsArgumentsInTheSignaturesOrder()
    {
        var bound = BindLine<TeamAddArguments>("team add", "--expires-in-days 7 --force ops --role lead @alice");

        Assert.Equal("team add ops @alice --role lead --force=true --expires-in-days 7", bound.CanonicalText);
    }

    [Fact]
    public void TheCanonicalTextQuotesValuesWithSpacesOrQuotes()
    {
        var bound = BindLine<SayArguments>("say", """#ops 'she said "hi"'""");

        Assert.Equal("say #ops \"she said \\\"hi\\\"\"", bound.CanonicalText);
    }

    [Fact]
    public void TheCanonicalTextIsTheSameForTheLineAndTheStructuredRequest()
    {
        var named = new Dictionary<string, string?> { ["person"] = "@alice", ["team"] = "ops", ["role"] = "lead" };

        var fromLine = BindLine<TeamAddArguments>("team add", "ops @alice --role lead");
        var fromNames = ArgumentBinder.Bind("team add", Signature<TeamAddArguments>(), named);

        Assert.Equal(fromLine.CanonicalText, fromNames.CanonicalText);
    }

    [Fact]
    public void TheCanonicalTextIsTheSameHoweverAValueIsSpelled()
    {
        var plain = BindLine<TeamAddArguments>("team add", "ops @alice --role lead");
        var shouted = BindLine<TeamAddArguments>("team add", "ops alice --role LEAD");

        Assert.Equal(plain.Arguments, shouted.Arguments);
        Assert.Equal(plain.CanonicalText, shouted.CanonicalText);
    }

    [Theory]
    [InlineData("it's")]
    [InlineData("--force")]
    public void TheCanonicalTextParsesBackToTheSameArguments(string message)
    {
        var bound = ArgumentBinder.Bind("say", Signature<SayArguments>(), new Dictionary<string, string?> { ["channel"] = "ops", ["message"] = message });

        var line = CommandLineParser.Parse(bound.CanonicalText!);

        Assert.Null(line.Error);
        var reparsed = ArgumentBinder.Bind("say", Signature<SayArguments>(), line.Tokens.Skip(1).ToList());
        Assert.Equal(bound.Arguments, reparsed.Arguments);
    }

    [Fact]
    public void TheCanonicalTextRedactsSecrets()
    {
        var bound = BindLine<LinkArguments>("rolodex link", "github s3cr3t-token --otp 123456 --note hello");

        Assert.Null(bound.Error);
        Assert.Equal("rolodex link github *** --otp *** --note hello", bound.CanonicalText);
        Assert.Equal("s3cr3t-token", Assert.IsType<LinkArguments>(bound.Arguments).Token);
    }

    [Fact]
    public void ARefusalHasNoArgumentsAndNoCanonicalText()
    {
        var bound = BindLine<TeamAddArguments>("team add", "ops");

        Assert.NotNull(bound.Error);
        Assert.Null(bound.Arguments);
        Assert.Null(bound.CanonicalText);
    }

    [Fact]
    public void ARepeatableOptionCollectsEveryOccurrenceInOrder()
    {
        var bound = BindLine<ServiceCreateArguments>("service create", "api --repo acme/api --team ops --repo acme/api-client --repo acme/api");

        var arguments = Assert.IsType<ServiceCreateArguments>(bound.Arguments);
        Assert.Equal(["acme/api", "acme/api-client"], arguments.Repo);
        Assert.Equal("service create api --repo acme/api --repo acme/api-client --team ops", bound.CanonicalText);
    }

    [Fact]
    public void AnOmittedRepeatableOptionIsAnEmptyList()
    {
        var bound = BindLine<ServiceCreateArguments>("service create", "api");

        Assert.Empty(Assert.IsType<ServiceCreateArguments>(bound.Arguments).Repo);
    }

    [Fact]
    public void AStructuredRequestGivesARepeatableOptionsValuesSeparatedByCommas()
    {
        var named = new Dictionary<string, string?> { ["name"] = "api", ["repo"] = "acme/api, acme/api-client" };

        var fromNames = ArgumentBinder.Bind("service create", Signature<ServiceCreateArguments>(), named);
        var fromLine = BindLine<ServiceCreateArguments>("service create", "api --repo acme/api --repo acme/api-client");

        Assert.Equal(["acme/api", "acme/api-client"], Assert.IsType<ServiceCreateArguments>(fromNames.Arguments).Repo);
        Assert.Equal(fromLine.CanonicalText, fromNames.CanonicalText);
    }

    [Fact]
    public void EachValueOfARepeatableOptionIsHeldToTheLengthLimit()
    {
        var bound = BindLine<ServiceCreateArguments>("service create", $"api --repo acme/api --repo {new string('x', 101)}");

        Assert.Contains("Each --repo may be at most 100 characters", AssertRefused(bound, "core.argument-too-long").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheUsageShowsThatAnOptionRepeats()
    {
        Assert.Equal("service create <name> [--repo <repo>]... [--team <team>]", Signature<ServiceCreateArguments>().UsageFor("service create"));
        Assert.Equal("list of string", Signature<ServiceCreateArguments>().Arguments.Single(a => a.Name == "repo").TypeName);
    }

    [Fact]
    public void ASecretInputIsBoundFromTheRequestsSecretAndLeftOutOfTheCanonicalText()
    {
        var bound = BindLine<VaultSetArguments>("vault set", "github --scope repo", secret: "ghp_s3cr3t");

        Assert.Equal(new VaultSetArguments("github", "ghp_s3cr3t", "repo"), bound.Arguments);
        Assert.Equal("vault set github --scope repo", bound.CanonicalText);
    }

    [Fact]
    public void AStructuredRequestTakesTheSecretBesideTheArgumentsToo()
    {
        var named = new Dictionary<string, string?> { ["service"] = "github" };

        var bound = ArgumentBinder.Bind("vault set", Signature<VaultSetArguments>(), named, "ghp_s3cr3t");

        Assert.Equal("ghp_s3cr3t", Assert.IsType<VaultSetArguments>(bound.Arguments).Value);
        Assert.Equal("vault set github", bound.CanonicalText);
    }

    [Fact]
    public void AMissingSecretInputSaysWhereItComesFrom()
    {
        var bound = BindLine<VaultSetArguments>("vault set", "github");

        var detail = AssertRefused(bound, "core.secret-required").Detail;
        Assert.Contains("sb reads it from standard input", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecretAmongTheNamedArgumentsIsRefusedWithoutRepeatingIt()
    {
        var named = new Dictionary<string, string?> { ["service"] = "github", ["value"] = "ghp_s3cr3t" };

        var bound = ArgumentBinder.Bind("vault set", Signature<VaultSetArguments>(), named, secret: null);

        Assert.DoesNotContain("ghp_s3cr3t", AssertRefused(bound, "core.secret-in-arguments").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecretTypedOnTheLineIsRefusedWithoutRepeatingIt()
    {
        var asWord = BindLine<VaultSetArguments>("vault set", "github ghp_s3cr3t");
        var asOption = BindLine<VaultSetArguments>("vault set", "github --value ghp_s3cr3t");

        Assert.DoesNotContain("ghp_s3cr3t", AssertRefused(asWord, "core.too-many-arguments").Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_s3cr3t", AssertRefused(asOption, "core.unknown-option").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecretForACommandThatTakesNoneIsRefused()
    {
        var bound = BindLine<SayArguments>("say", "#ops hello", secret: "ghp_s3cr3t");

        AssertRefused(bound, "core.unexpected-secret");
    }

    [Theory]
    [InlineData("ghp_two\nlines")]
    [InlineData("ghp_bell\a")]
    public void ASecretWithControlCharactersIsRefusedWithoutRepeatingIt(string secret)
    {
        var bound = BindLine<VaultSetArguments>("vault set", "github", secret);

        Assert.DoesNotContain("ghp_", AssertRefused(bound, "core.invalid-argument").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheUsageLineLeavesTheSecretInputOutAndHelpDescribesIt()
    {
        var signature = Signature<VaultSetArguments>();

        Assert.Equal("vault set <service> [--scope <scope>]", signature.UsageFor("vault set"));
        Assert.Equal("<value> (secret input)", signature.Secret?.Usage);
    }

    [Fact]
    public void ACommandTakesAtMostOneSecretInput() =>
        Assert.Throws<InvalidOperationException>(() => Signature<TwoSecretsArguments>());

    private static BoundArguments BindLine<TArguments>(string verb, string words, string? secret = null)
    {
        var line = CommandLineParser.Parse(words);
        Assert.Null(line.Error);
        return ArgumentBinder.Bind(verb, Signature<TArguments>(), line.Tokens, secret);
    }

    private static CommandSignature Signature<TArguments>() => CommandSignature.For(typeof(TArguments));

    private static Error AssertRefused(BoundArguments bound, string code)
    {
        Assert.NotNull(bound.Error);
        Assert.Equal(ErrorKind.Invalid, bound.Error.Kind);
        Assert.Equal(code, bound.Error.Code);
        Assert.Contains(" Usage: ", bound.Error.Detail, StringComparison.Ordinal);
        return bound.Error;
    }
}

public enum TeamRole
{
    Member,
    Lead,
    OnCallDeputy,
}

internal sealed record TeamAddArguments(
    [Argument("The team.")] string Team,
    [Argument("The person to add.")] PersonReference Person,
    [Option("Their role in the team.")] TeamRole Role = TeamRole.Member,
    [Option("Move them even if they are on another team.")] bool Force = false,
    [Option("When the membership ends.")] int? ExpiresInDays = null);

internal sealed record SayArguments(
    [Argument("Where to post.")] ChannelReference Channel,
    [Argument("What to say.", TakesRest = true)] string Message);

internal sealed record LinkArguments(
    [Argument("The service.")] string Service,
    [Argument("A token for the service.", IsSecret = true)] string Token,
    [Option("A one-time code.", IsSecret = true)] string? Otp,
    [Option("A note for the audit trail.")] string? Note);

internal sealed record VaultSetArguments(
    [Argument("The service.")] string Service,
    [SecretInput("The token.")] string Value,
    [Option("A scope.")] string? Scope = null);

internal sealed record TwoSecretsArguments(
    [SecretInput("A token.")] string Token,
    [SecretInput("A refresh token.")] string RefreshToken);

internal sealed record ServiceCreateArguments(
    [Argument("The service.")] string Name,
    [Option("A repository; may be given more than once.", MaxLength = 100)] IReadOnlyList<string> Repo,
    [Option("The owning team.")] string? Team = null);
