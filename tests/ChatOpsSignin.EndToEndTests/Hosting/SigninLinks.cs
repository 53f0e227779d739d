using System.Text.Json.Nodes;

namespace ChatOpsSignin.EndToEndTests.Hosting;

/// <summary>Finds the console sign-in URLs in a chat message (Block Kit or Adaptive Card JSON).</summary>
internal static class SigninLinks
{
    public static IReadOnlyList<Uri> In(JsonNode? message)
    {
        var found = new List<Uri>();
        Collect(message, found);
        return found;
    }

    private static void Collect(JsonNode? node, List<Uri> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == "url" && value is JsonValue text && text.TryGetValue<string>(out var url) && url.Contains("Action=login", StringComparison.Ordinal))
                    {
                        found.Add(new Uri(url));
                    }

                    Collect(value, found);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, found);
                }

                break;
        }
    }
}
