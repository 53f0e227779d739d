using System.Text.Json.Nodes;
using CsCheck;

namespace ChatOpsSignin.Tests.Fuzz;

/// <summary>Generators for malformed chat input: odd text, and JSON of any shape that uses the field names the parsers look for.</summary>
internal static class FuzzInputs
{
    private static readonly string[] Samples =
        ["help", "status", "cancel", "cancel req_0a", "console", "prod-readonly", "prod-readonly why", "-s ec2", "<at>Bot</at> console x"];

    private static readonly string[] FieldNames =
    [
        "type", "name", "value", "actions", "action_id", "user", "team", "team_id", "user_id", "id", "text", "channel", "channel_id",
        "response_url", "payload", "envelope_id", "enterprise", "from", "conversation", "conversationType", "tenantId", "aadObjectId",
        "serviceUrl", "recipient", "channelData", "tenant", "verb", "data", "requestId", "action", "replyToId", "entities",
    ];

    public static readonly Gen<char> AnyChar = Gen.Frequency(
        (4, Gen.Char[' ', '~']),
        (2, Gen.Char),
        (1, Gen.Char["<>&;%=+/\\\"'`@#:\n\t\r\0"]),
        (1, Gen.Char['\uD800', '\uDFFF']));

    public static readonly Gen<string> Text = Gen.Frequency(
        (6, AnyChar.Array[0, 80].Select(chars => new string(chars))),
        (1, AnyChar.Array[500, 3000].Select(chars => new string(chars))),
        (1, Gen.Int[0, Samples.Length - 1].Select(i => Samples[i])));

    private static readonly Gen<string> Key = Gen.Frequency(
        (3, Gen.Int[0, FieldNames.Length - 1].Select(i => FieldNames[i])),
        (1, Text));

    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency(
        (1, Gen.Bool.Select(_ => (JsonNode?)null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (4, Text.Select(s => (JsonNode?)JsonValue.Create(s))));

    public static Gen<JsonNode?> Json(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (2, Gen.Select(Key, Json(depth - 1)).Array[0, 6].Select(ToObject)),
            (1, Json(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()))));

    public static readonly Gen<JsonObject> Object = Gen.Select(Key, Json(3)).Array[0, 10].Select(pairs => (JsonObject)ToObject(pairs)!);

    private static JsonNode? ToObject((string Key, JsonNode? Value)[] pairs)
    {
        var json = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            json[key] = value?.DeepClone();
        }

        return json;
    }
}
