using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Core.People;

/// <summary>Writes a person id as its plain GUID string, as every client expects.</summary>
internal sealed class PersonIdJsonConverter : JsonConverter<PersonId>
{
    public override PersonId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, PersonId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
