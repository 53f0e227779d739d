using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Profiles;

/// <summary>The validated profiles with their allow-lists and approver sets resolved once.</summary>
public sealed partial class ProfileCatalog
{
    private readonly DirectoryLookup? directories;
    private Dictionary<string, Entry> entries;
    private UserSet admins;

    public ProfileCatalog(IOptions<SigninOptions> options, DirectoryLookup? directories = null)
    {
        this.directories = directories;
        entries = Build(options.Value, directories);
        admins = new UserSet(options.Value.Admins, options.Value.Groups, directories);
    }

    /// <summary>The top-level <c>Admins</c>: may revoke any issued sign-in.</summary>
    public UserSet Admins => Volatile.Read(ref admins);

    private static Dictionary<string, Entry> Build(SigninOptions value, DirectoryLookup? directories) =>
        value.Profiles.ToDictionary(
            p => p.Key,
            p => new Entry(
                p.Key,
                p.Value,
                new UserSet(p.Value.Allow, value.Groups, directories),
                p.Value.Approval is { } approval ? new UserSet(approval.Approvers, value.Groups, directories) : null)
            {
                BreakGlass = p.Value.BreakGlass is { } breakGlass ? new UserSet(breakGlass.Allow, value.Groups, directories) : null,
            },
            StringComparer.OrdinalIgnoreCase);

    public IEnumerable<Entry> All => entries.Values;

    public Entry? Find(string name) => entries.GetValueOrDefault(name.Trim());

    public IReadOnlyList<ProfileSummary> AllowedFor(ChatUserId user) => entries.Values
        .Where(e => e.Allow.Contains(user))
        .OrderBy(e => e.Name, StringComparer.Ordinal)
        .Select(e => new ProfileSummary(e.Name, e.Options.Description, e.Approvers is not null))
        .ToList();

    public sealed record Entry(string Name, ProfileOptions Options, UserSet Allow, UserSet? Approvers)
    {
        /// <summary><c>BreakGlass:Allow</c>; null when the profile has no break-glass.</summary>
        public UserSet? BreakGlass { get; init; }
    }
}
