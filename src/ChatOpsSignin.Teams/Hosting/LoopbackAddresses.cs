namespace ChatOpsSignin.Teams.Hosting;

/// <summary>Whether listening addresses are loopback only (127.0.0.1, ::1, localhost). Wildcards (+, *, 0.0.0.0) are not.</summary>
internal static class LoopbackAddresses
{
    public static bool AllLoopback(IEnumerable<string> addresses, out string? offender)
    {
        foreach (var address in addresses)
        {
            if (!IsLoopback(address))
            {
                offender = address;
                return false;
            }
        }

        offender = null;
        return true;
    }

    public static IEnumerable<string> Split(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsLoopback(string address) =>
        Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) && uri.IsLoopback;
}
