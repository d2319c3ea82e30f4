namespace Switchboard.Core.People;

/// <summary>A person's id in the Rolodex; the one id that crosses module boundaries for people.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(PersonIdJsonConverter))]
public readonly record struct PersonId(Guid Value)
{
    public override string ToString() => Value.ToString("D");
}
