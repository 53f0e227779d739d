namespace ChatOpsSignin.Core.Links;

/// <summary>Where a requester asked the console to open (<c>-s</c>, <c>-r</c>); both null = the profile's Destination and Region.</summary>
public sealed record ConsoleTarget(string? Service, string? Region)
{
    public static readonly ConsoleTarget ProfileDefault = new(null, null);

    public bool IsProfileDefault => Service is null && Region is null;

    public static ConsoleTarget Of(Requests.SigninRequest request) => new(request.Service, request.Region);
}
