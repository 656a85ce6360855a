using System.Diagnostics;
using Pangy.Core.Stages;
using Pangy.Core.Storage;

namespace Pangy.Core.Pipeline;

/// <summary>
/// The <c>BuildSkeleton</c> handler: one <see cref="SkeletonMessage"/>. A reader must never see half a skeleton, and
/// the skeleton is several files and folders beside the graph, so the stage runs in a private workspace that mirrors
/// the published chromosome (hard links: no bytes copied), and the whole chromosome is then published again with one
/// atomic directory exchange. Claims, supersession and failures work as in <see cref="BuildChromosome"/>; the
/// skeleton is drawn for the published build the message names, and the chromosome becomes <c>ready</c> when that
/// build is also the wanted one.
/// </summary>
public sealed class BuildSkeleton(PipelineContext context)
{
    public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken = default)
    {
        var m = SkeletonMessage.Parse(message);
        var chromosome = new ChromosomeKey(m.Dataset, m.Chromosome);
        string owner = context.NewOwner(), unit = chromosome.ToString();
        var status = context.Status;

        var decision = await status.UpdateDatasetAsync(m.Dataset, doc =>
        {
            var c = doc.Chromosome(m.Chromosome);
            var now = status.Now;
            if (c.Published != m.Build || c.Skeleton == m.Build) return (false, WorkDecision.Skip);
            if (c.SkeletonClaim is { } claim && claim.Key == m.Build && claim.Owner != owner && claim.Live(now)) return (false, WorkDecision.Defer);
            // Mid-rename of another publish: the published files are about to change; come back.
            if (c.Publishing is { } p && p.Owner != owner && p.Live(now)) return (false, WorkDecision.Defer);
            c.SkeletonClaim = new WorkClaim(owner, m.Build, now + context.Options.ClaimLease);
            return (true, WorkDecision.Go);
        }, cancellationToken).ConfigureAwait(false);
        if (decision == WorkDecision.Skip) return;
        if (decision == WorkDecision.Defer)
        {
            await context.Queues.Get(PipelineNames.SkeletonsQueue).SendAsync(message, context.Options.DeferDelay, cancellationToken).ConfigureAwait(false);
            return;
        }

        context.Report(unit, "skeleton", m.Build);
        try
        {
            await DrawAndPublishAsync(m, chromosome, owner, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            bool final = e is Formats.BadInputException || dequeueCount >= context.Options.MaxDequeueCount;
            await status.UpdateDatasetAsync(m.Dataset, doc =>
            {
                var c = doc.Chromosome(m.Chromosome);
                bool changed = false;
                if (c.Publishing?.Owner == owner) { c.Publishing = null; changed = true; }
                if (c.SkeletonClaim?.Owner != owner) return (changed, 0);
                c.SkeletonClaim = null;
                if (final && c.Wanted == m.Build)
                {
                    c.State = ChromosomeState.Failed;
                    c.Error = StatusError.From(e, $"{m.Dataset}/{m.Chromosome} skeleton");
                    c.Updated = status.Now;
                }
                return (true, 0);
            }, CancellationToken.None).ConfigureAwait(false);
            context.Report(unit, final ? ChromosomeState.Failed : "retry", e.Message);
            if (e is Formats.BadInputException) return;
            throw;
        }
    }

    private async Task DrawAndPublishAsync(SkeletonMessage m, ChromosomeKey chromosome, string owner, CancellationToken ct)
    {
        var status = context.Status;
        var clock = Stopwatch.StartNew();
        await using var renewal = new ClaimRenewal(context.Options.ClaimLease, c => status.UpdateDatasetAsync(m.Dataset, doc =>
        {
            var x = doc.Chromosome(m.Chromosome);
            if (x.SkeletonClaim?.Owner != owner) return (false, 0);
            x.SkeletonClaim = x.SkeletonClaim with { Until = status.Now + context.Options.ClaimLease };
            return (true, 0);
        }, c));

        using var workspace = context.Datastore.CreateWorkspaceFrom(chromosome);
        // Linked after the claim, and checked again after linking: a publish that swapped the files in between is seen
        // here (its lease is live, or the record names another build) and this attempt is retried.
        var after = await status.ReadDatasetAsync(m.Dataset, ct).ConfigureAwait(false);
        var current = after?.Chromosomes.Find(c => c.Chromosome == m.Chromosome);
        if (current?.Published != m.Build || (current.Publishing is { } p && p.Owner != owner && p.Live(status.Now)))
            throw new IOException($"{chromosome}: the published build changed while the skeleton workspace was made; retrying");

        await ChromosomeStages.SkeletonAsync(workspace.Directory, m.Chromosome, null, ct).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        bool published = await Publisher.PublishAsync(context, m.Dataset, m.Chromosome, owner, m.Build,
            c => c.Published == m.Build && c.SkeletonClaim?.Owner == owner,
            () => context.Datastore.PublishAsync(workspace, replace: true, ct), ct).ConfigureAwait(false);
        if (!published) return;
        await status.UpdateDatasetAsync(m.Dataset, doc =>
        {
            var c = doc.Chromosome(m.Chromosome);
            c.Skeleton = m.Build;
            c.SkeletonClaim = null;
            c.Publishing = null;
            c.SkeletonSeconds = Math.Round(seconds, 3);
            if (c.Wanted == m.Build && c.State == ChromosomeState.Built) c.State = ChromosomeState.Ready;
            c.Updated = status.Now;
            return (true, 0);
        }, ct).ConfigureAwait(false);
        context.Report(chromosome.ToString(), ChromosomeState.Ready, $"skeleton {seconds:0.0} s");
    }
}
