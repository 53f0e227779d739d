namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    /// <summary>The running step's lease, and the one way to record progress part-way through a step.</summary>
    private sealed class StepContext(IWorkStore work, TimeProvider time, TimeSpan leaseDuration, LeasedWork lease)
    {
        private CancellationTokenSource? keepAlive;

        public LeasedWork Lease { get; private set; } = lease;

        /// <summary>
        /// While a step runs, extends its lease every third of the lease duration, so a step slower than the lease (a slow
        /// AWS or chat call) is not taken over by another replica. A renewal that finds the lease gone cancels the step.
        /// </summary>
        public async Task KeepAliveAsync(CancellationTokenSource step)
        {
            keepAlive = CancellationTokenSource.CreateLinkedTokenSource(step.Token);
            var stop = keepAlive.Token;
            try
            {
                while (true)
                {
                    // Most steps end before the first renewal: a cancelled delay is the normal end, not worth an exception.
                    await Task.Delay(leaseDuration / 3, time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    var held = Lease;
                    if (!await work.TryRenewAsync(held, time.GetUtcNow() + leaseDuration, stop) && ReferenceEquals(held, Lease))
                    {
                        await step.CancelAsync();
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The step ended (or the host is stopping): nothing left to keep alive.
                return;
            }
        }

        public async Task StopKeepAliveAsync(Task heartbeat)
        {
            if (keepAlive is not null)
            {
                await keepAlive.CancelAsync();
            }

            await heartbeat;
            keepAlive?.Dispose();
            keepAlive = null;
        }

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
