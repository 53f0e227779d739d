namespace ChatOpsSignin.Core.Profiles;

/// <summary>Reload without restart: a validated configuration replaces the catalog in one swap.</summary>
public sealed partial class ProfileCatalog
{
    /// <summary>Puts <paramref name="validated"/> in force. Callers validate first (see <see cref="CatalogReloader"/>).</summary>
    public void Apply(SigninOptions validated)
    {
        Volatile.Write(ref entries, Build(validated, directories));
        Volatile.Write(ref admins, new Policy.UserSet(validated.Admins, validated.Groups, directories));
    }
}
