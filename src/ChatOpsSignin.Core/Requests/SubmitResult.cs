namespace ChatOpsSignin.Core.Requests;

/// <summary>What the front door says to a new request, before the edge acknowledges it.</summary>
public enum SubmitResult
{
    /// <summary>Recorded in the store: it will be finished, by this replica or another, even after a crash.</summary>
    Accepted,

    /// <summary>This replica has as much unfinished work as it may hold: nothing was recorded; try again shortly.</summary>
    Busy,

    /// <summary>This user sent more requests than <c>RateLimit:PerUser</c> allows in the window, whatever the profile.</summary>
    TooMany,
}
