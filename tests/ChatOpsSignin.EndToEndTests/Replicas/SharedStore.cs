namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>
/// One real store engine that several bot processes share, with the settings that point a bot at it, and a way to take
/// it away (a crash of the database, not a clean shutdown) and bring it back with its data.
/// </summary>
public abstract class SharedStore : IAsyncDisposable
{
    /// <summary><c>Storage:*</c> settings for every replica.</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The engine dies at once; connections are cut.</summary>
    public abstract Task LoseAsync();

    /// <summary>The engine is back on the same address with what it had recorded.</summary>
    public abstract Task RestoreAsync();

    public abstract ValueTask DisposeAsync();
}
