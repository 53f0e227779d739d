using ChatOpsSignin.Core.Identity;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>
/// <c>Identities</c>: one person's chat identities, e.g. <c>"Identities": { "megan": ["slack:T1/U7", "teams:tid/oid"] }</c>.
/// A person counts once in a quorum and may not approve their own request under another identity. An unlisted user is a
/// person of their own (their key).
/// </summary>
public sealed class PeopleOptions
{
    public Dictionary<string, List<string>> Identities { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Who a chat user is, across platforms.</summary>
public sealed class People
{
    public const string PersonPrefix = "person:";

    private readonly Dictionary<string, string> personOf = new(StringComparer.Ordinal);

    public People(IOptions<PeopleOptions> options)
    {
        foreach (var (person, keys) in options.Value.Identities)
        {
            foreach (var key in keys)
            {
                if (ChatUserId.TryParse(key.Trim(), out var id))
                {
                    personOf.TryAdd(id.Value.Key, PersonPrefix + person);
                }
            }
        }
    }

    /// <summary><c>person:&lt;name&gt;</c> for a user listed under <c>Identities</c>, otherwise the user's own key.</summary>
    public string Of(ChatUserId user) => personOf.GetValueOrDefault(user.Key, user.Key);
}

/// <summary>Start-up checks of <c>Identities</c>: real user keys, each in one person only.</summary>
public sealed class PeopleOptionsValidator : IValidateOptions<PeopleOptions>
{
    public ValidateOptionsResult Validate(string? name, PeopleOptions options)
    {
        var errors = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (person, keys) in options.Identities)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (!ChatUserId.TryParse(keys[i].Trim(), out var id))
                {
                    errors.Add($"Identities:{person}:{i}: '{keys[i]}' is not a user key (slack:<team>/<user> or teams:<tenant>/<aadObjectId>).");
                }
                else if (!seen.TryAdd(id.Value.Key, person) && seen[id.Value.Key] != person)
                {
                    errors.Add($"Identities:{person}:{i}: '{keys[i]}' is already an identity of '{seen[id.Value.Key]}'.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
