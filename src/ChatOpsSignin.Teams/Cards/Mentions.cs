using System.Net;
using System.Text.Json.Nodes;
using ChatOpsSignin.Teams.Identity;

namespace ChatOpsSignin.Teams.Cards;

/// <summary>
/// Teams mentions: <c>&lt;at&gt;Name&lt;/at&gt;</c> in the text, each matched by a <c>mention</c> entity naming the user
/// (in a card under <c>msteams.entities</c>, in a message under <c>entities</c>); only these ping.
/// See https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#mention-support-within-adaptive-cards.
/// </summary>
internal static class Mentions
{
    public static string Text(IEnumerable<TeamsPerson> people) => string.Join(" ", people.Select(Tag));

    public static JsonArray Entities(IEnumerable<TeamsPerson> people) => new([.. people.Select(p => (JsonNode)new JsonObject
    {
        ["type"] = "mention",
        ["text"] = Tag(p),
        ["mentioned"] = new JsonObject { ["id"] = p.MentionId, ["name"] = p.Name },
    })]);

    /// <summary>Puts the mention entities on a card, where Teams looks for them.</summary>
    public static JsonObject On(JsonObject card, IReadOnlyList<TeamsPerson> people)
    {
        if (people.Count > 0)
        {
            card["msteams"] = new JsonObject { ["entities"] = Entities(people) };
        }

        return card;
    }

    /// <summary>A name as plain text (no mention, no markup): for lists that must not ping.</summary>
    public static string Names(IEnumerable<TeamsPerson> people) => string.Join(", ", people.Select(p => p.Name));

    private static string Tag(TeamsPerson person) => $"<at>{WebUtility.HtmlEncode(person.Name)}</at>";
}
