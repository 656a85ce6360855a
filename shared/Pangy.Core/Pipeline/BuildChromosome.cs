using System.Diagnostics;
using Pangy.Core.Formats;
using Pangy.Core.Stages;
using Pangy.Core.Storage;

namespace Pangy.Core.Pipeline;

/// <summary>
/// The <c>BuildChromosome</c> handler: one <see cref="BuildMessage"/>. Under a conditional status write it checks that
/// these inputs are still the wanted ones and not yet published, and claims them (a duplicate or replayed message
/// finds them published and does nothing; one arriving while another worker builds them is sent again later). It
/// streams the inputs at exactly their ETags into the graph stages in a private workspace, then, holding a short
/// publish lease and only if its inputs are still the wanted ones, renames the chromosome into place, marks it
/// <c>built</c> and asks for its skeleton. Bad input fails at once (<c>failed</c> with file, line and reason, nothing
/// published, an earlier build still served); any other error is retried and recorded as <c>failed</c> on the last
/// attempt.
/// </summary>
public sealed class BuildChromosome(PipelineContext context)
{
    /// <param name="message">The message text.</param>
    /// <param name="dequeueCount">This delivery's attempt number (the queue's dequeue count).</param>
    /// <param name="cancellationToken">Stops the build; the message then reappears.</param>
    public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken = default)
    {
        var m = BuildMessage.Parse(message);
        var chromosome = new ChromosomeKey(m.Dataset, m.Chromosome);
        string key = m.Inputs.Key, owner = context.NewOwner(), unit = chromosome.ToString();
        var status = context.Status;

        var decision = await status.UpdateDatasetAsync(m.Dataset, doc =>
        {
            var c = doc.Chromosome(m.Chromosome);
            var now = status.Now;
            if (c.Wanted != key) return (false, WorkDecision.Skip);
            if (c.Published == key) return (false, c.State == ChromosomeState.Built ? WorkDecision.SendSkeleton : WorkDecision.Skip);
            if (c.State == ChromosomeState.Failed) return (false, WorkDecision.Skip);
            if (c.Claim is { } claim && claim.Key == key && claim.Owner != owner && claim.Live(now)) return (false, WorkDecision.Defer);
            c.Claim = new WorkClaim(owner, key, now + context.Options.ClaimLease);
            c.State = ChromosomeState.Building;
            c.Updated = now;
            return (true, WorkDecision.Go);
        }, cancellationToken).ConfigureAwait(false);

        switch (decision)
        {
            case WorkDecision.Skip:
                context.Report(unit, "skip", $"build {key}: already done or superseded");
                return;
            case WorkDecision.Defer:
                context.Report(unit, "defer", $"build {key}: another worker is building it");
                await context.Queues.Get(PipelineNames.BuildsQueue).SendAsync(message, context.Options.DeferDelay, cancellationToken).ConfigureAwait(false);
                return;
            case WorkDecision.SendSkeleton:
                await SendSkeletonAsync(m, key, cancellationToken).ConfigureAwait(false);
                return;
        }

        context.Report(unit, "claimed", key);
        try
        {
            await BuildAndPublishAsync(m, chromosome, key, owner, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await FailOrReleaseAsync(m, key, owner, e, dequeueCount, cancellationToken).ConfigureAwait(false);
            // Bad input fails the same way every time: the message is done. Anything else is retried by the queue.
            if (e is BadInputException or ObjectChangedException) return;
            throw;
        }
    }

    private async Task BuildAndPublishAsync(BuildMessage m, ChromosomeKey chromosome, string key, string owner, CancellationToken ct)
    {
        var status = context.Status;
        var clock = Stopwatch.StartNew();
        await using var renewal = new ClaimRenewal(context.Options.ClaimLease, c => status.UpdateDatasetAsync(m.Dataset, doc =>
        {
            var x = doc.Chromosome(m.Chromosome);
            if (x.Claim?.Owner != owner) return (false, 0);
            x.Claim = x.Claim with { Until = status.Now + context.Options.ClaimLease };
            return (true, 0);
        }, c));

        DatasetManifest manifest;
        await using (var s = await context.Uploads.OpenReadAsync(m.Inputs.Dataset.Name, m.Inputs.Dataset.ETag, ct).ConfigureAwait(false))
            manifest = await DatasetManifest.ReadAsync(s, m.Inputs.Dataset.Name, ct).ConfigureAwait(false);
        using var workspace = context.Datastore.CreateWorkspace(chromosome);
        var progress = new Progress<Build.BuildProgress>(p => context.Report(chromosome.ToString(), ChromosomeState.Building, p.Phase));
        var graph = await ChromosomeStages.BuildGraphAsync(workspace.Directory, context.Input(m.Inputs.Gfa), context.Input(m.Inputs.Layout),
            manifest.BuildOptions(), m.Inputs.BubbleGun is { } bg ? context.Input(bg) : null, progress, ct).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;

        bool published = await Publisher.PublishAsync(context, m.Dataset, m.Chromosome, owner, key,
            c => c.Wanted == key && c.Claim?.Owner == owner,
            () => context.Datastore.PublishAsync(workspace, replace: true, ct), ct).ConfigureAwait(false);
        if (!published)
        {
            context.Report(chromosome.ToString(), "superseded", $"build {key}: newer inputs arrived; not published");
            return;
        }
        await status.UpdateDatasetAsync(m.Dataset, doc =>
        {
            var c = doc.Chromosome(m.Chromosome);
            c.Published = key;
            c.Builds++;
            c.Publishing = null;
            c.Claim = null;
            c.BuildSeconds = Math.Round(seconds, 3);
            c.SkeletonSeconds = null;
            c.Counts = new ChromosomeCounts(graph.Build.Segments, graph.Build.Links, graph.Build.Paths, graph.Bubbles.Bubbles);
            c.Error = null;
            if (c.Wanted == key) c.State = ChromosomeState.Built;
            c.Updated = status.Now;
            return (true, 0);
        }, ct).ConfigureAwait(false);
        context.Report(chromosome.ToString(), ChromosomeState.Built, $"{seconds:0.0} s");
        await SendSkeletonAsync(m, key, ct).ConfigureAwait(false);
    }

    private async Task SendSkeletonAsync(BuildMessage m, string key, CancellationToken ct) =>
        await context.Queues.Get(PipelineNames.SkeletonsQueue).SendAsync(new SkeletonMessage(m.Dataset, m.Chromosome, key).ToJson(), null, ct)
            .ConfigureAwait(false);

    private async Task FailOrReleaseAsync(BuildMessage m, string key, string owner, Exception e, long dequeueCount, CancellationToken ct)
    {
        bool final = e is BadInputException || dequeueCount >= context.Options.MaxDequeueCount;
        bool superseded = e is ObjectChangedException;
        await context.Status.UpdateDatasetAsync(m.Dataset, doc =>
        {
            var c = doc.Chromosome(m.Chromosome);
            bool changed = false;
            if (c.Publishing?.Owner == owner) { c.Publishing = null; changed = true; }
            // A newer build took the claim: the record is its business now.
            if (c.Claim?.Owner != owner) return (changed, 0);
            c.Claim = null;
            if (c.Wanted == key)
            {
                c.State = final && !superseded ? ChromosomeState.Failed : c.Published == key ? ChromosomeState.Built : ChromosomeState.Queued;
                if (final && !superseded) c.Error = StatusError.From(e, m.Inputs.Gfa.Name);
                c.Updated = context.Status.Now;
            }
            return (true, 0);
        }, CancellationToken.None).ConfigureAwait(false);
        context.Report($"{m.Dataset}/{m.Chromosome}", final && !superseded ? ChromosomeState.Failed : "retry", e.Message);
    }
}
