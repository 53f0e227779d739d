namespace ChatOpsSignin.Tests.Storage.Postgres;

/// <summary>
/// Finds <c>initdb</c> and <c>pg_ctl</c>: on PATH, else in Debian's versioned folder (/usr/lib/postgresql/&lt;ver&gt;/bin,
/// newest first), where the <c>postgresql</c> package puts them without linking them onto PATH.
/// </summary>
internal static class PostgresBinaries
{
    public static string? FindFolder()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        return onPath.Concat(debian).FirstOrDefault(folder =>
            File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")));
    }
}
