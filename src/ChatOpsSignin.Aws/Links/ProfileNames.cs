using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Links;

/// <summary>
/// The link port receives a profile's options, not its name; messages still name it. The options objects are the bound
/// instances held by <see cref="SigninOptions"/>, so a reference lookup finds the name.
/// </summary>
public sealed class ProfileNames(IOptions<SigninOptions> options)
{
    public string NameOf(ProfileOptions profile) =>
        options.Value.Profiles.FirstOrDefault(p => ReferenceEquals(p.Value, profile)).Key
        ?? profile.RoleArn
        ?? "(unnamed profile)";
}
