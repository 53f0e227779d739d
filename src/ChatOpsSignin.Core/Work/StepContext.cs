namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    /// <summary>The running step's lease, and the one way to record progress part-way through a step.</summary>
    private sealed class StepContext(IWorkStore work, TimeProvider time, TimeSpan leaseDuration, LeasedWork lease)
    {
        public LeasedWork Lease { get; private set; } = lease;

        public WorkItem Item => Lease.Item;

        /// <summary>Writes <paramref name="next"/> and renews the lease; false when the lease was lost.</summary>
        public async Task<bool> SaveAsync(WorkItem next, CancellationToken cancellationToken)
        {
            var until = time.GetUtcNow() + leaseDuration;
            if (await work.TryAdvanceAsync(Lease, next, until, cancellationToken) is not { } renewed)
            {
                return false;
            }

            Lease = renewed;
            return true;
        }

        public async Task SaveOrThrowAsync(WorkItem next, CancellationToken cancellationToken)
        {
            if (!await SaveAsync(next, cancellationToken))
            {
                throw new LeaseLostException();
            }
        }
    }

    /// <summary>Another replica holds the request now: drop this run without touching anything.</summary>
    private sealed class LeaseLostException : Exception;
}
