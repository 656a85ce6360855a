namespace Pangy.Core.Pipeline;

/// <summary>
/// The one step that makes work visible: under a short publish lease in the status (so two renames of the same
/// chromosome never interleave with their status updates), and only if the chromosome's record still says this
/// work should be published, run the rename. The caller clears the lease with its own status update afterwards.
/// </summary>
internal static class Publisher
{
    public static async Task<bool> PublishAsync(PipelineContext context, string dataset, string chromosome, string owner, string key,
        Func<ChromosomeStatus, bool> stillWanted, Func<Task> rename, CancellationToken ct)
    {
        var status = context.Status;
        while (true)
        {
            var decision = await status.UpdateDatasetAsync(dataset, doc =>
            {
                var c = doc.Chromosome(chromosome);
                var now = status.Now;
                if (!stillWanted(c)) return (false, WorkDecision.Skip);
                if (c.Publishing is { } p && p.Owner != owner && p.Live(now)) return (false, WorkDecision.Defer);
                c.Publishing = new WorkClaim(owner, key, now + context.Options.PublishLease);
                return (true, WorkDecision.Go);
            }, ct).ConfigureAwait(false);
            if (decision == WorkDecision.Skip) return false;
            if (decision == WorkDecision.Go) break;
            // Another rename is under way; it takes milliseconds.
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
        try
        {
            await rename().ConfigureAwait(false);
            return true;
        }
        catch
        {
            await status.UpdateDatasetAsync(dataset, doc =>
            {
                var c = doc.Chromosome(chromosome);
                if (c.Publishing?.Owner != owner) return (false, 0);
                c.Publishing = null;
                return (true, 0);
            }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
