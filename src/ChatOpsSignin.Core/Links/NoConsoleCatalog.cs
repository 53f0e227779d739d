namespace ChatOpsSignin.Core.Links;

/// <summary>Stands in when no room knows the console (core-only hosts): every <c>-s</c> / <c>-r</c> is refused.</summary>
internal sealed class NoConsoleCatalog : IConsoleCatalog
{
    public IReadOnlyList<string> Services => [];

    public IReadOnlyList<string> Regions => [];

    public string? CanonicalService(string name) => null;
}
