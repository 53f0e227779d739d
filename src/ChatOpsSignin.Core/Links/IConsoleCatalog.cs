namespace ChatOpsSignin.Core.Links;

/// <summary>Port (the Aws room): the console services and the regions of the configured partition a deep link may name.</summary>
public interface IConsoleCatalog
{
    /// <summary>The names users may type, in the order help shows them.</summary>
    IReadOnlyList<string> Services { get; }

    IReadOnlyList<string> Regions { get; }

    /// <summary>The one name of a service or one of its aliases (<c>ddb</c> → <c>dynamodb</c>); null when unknown.</summary>
    string? CanonicalService(string name);
}
