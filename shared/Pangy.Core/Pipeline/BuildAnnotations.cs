using Pangy.Core.Annotations;
using Pangy.Core.Formats;
using Pangy.Core.Storage;

namespace Pangy.Core.Pipeline;

/// <summary>
/// The <c>BuildAnnotations</c> handler: one <see cref="AnnotationMessage"/>. The GFF3 is streamed at exactly its ETag
/// into <c>annotations.db</c> (the code of <c>pangy annotate</c>), staged privately and published in one rename. A
/// duplicate finds the version published and does nothing; a newer upload supersedes it. The import is claimed like a
/// build; the rename itself is not fenced against a newer import finishing at the same moment (annotation sets are
/// small and the newer import's own publish follows it), which docs/architecture.md records.
/// </summary>
public sealed class BuildAnnotations(PipelineContext context)
{
    public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken = default)
    {
        var m = AnnotationMessage.Parse(message);
        string owner = context.NewOwner(), unit = $"annotations {m.Reference}/{m.Name}";
        var status = context.Status;
        var decision = await status.UpdateAnnotationsAsync(doc =>
        {
            var set = doc.Find(m.Reference, m.Name);
            var now = status.Now;
            if (set is null || set.Gff3.ETag != m.Gff3.ETag || set.Published == m.Gff3.ETag || set.State == ChromosomeState.Failed)
                return (false, WorkDecision.Skip);
            if (set.Claim is { } c && c.Owner != owner && c.Key == m.Gff3.ETag && c.Live(now)) return (false, WorkDecision.Defer);
            set.Claim = new WorkClaim(owner, m.Gff3.ETag, now + context.Options.ClaimLease);
            set.State = ChromosomeState.Building;
            set.Updated = now;
            return (true, WorkDecision.Go);
        }, cancellationToken).ConfigureAwait(false);
        if (decision == WorkDecision.Skip) return;
        if (decision == WorkDecision.Defer)
        {
            await context.Queues.Get(PipelineNames.AnnotationsQueue).SendAsync(message, context.Options.DeferDelay, cancellationToken).ConfigureAwait(false);
            return;
        }
        context.Report(unit, ChromosomeState.Building, m.Gff3.Name);
        try
        {
            AnnotationSetResult result;
            await using (var gff3 = await context.Uploads.OpenReadAsync(m.Gff3.Name, m.Gff3.ETag, cancellationToken).ConfigureAwait(false))
                result = await Task.Run(() => AnnotationCatalog.Add(context.Datastore.Root, m.Reference, m.Name, gff3, m.Gff3.Name, replace: true,
                    cancellationToken), cancellationToken).ConfigureAwait(false);
            await status.UpdateAnnotationsAsync(doc =>
            {
                var set = doc.Find(m.Reference, m.Name)!;
                if (set.Claim?.Owner == owner) set.Claim = null;
                if (set.Gff3.ETag == m.Gff3.ETag) { set.State = ChromosomeState.Ready; set.Error = null; }
                set.Published = m.Gff3.ETag;
                set.Rows = result.Import.Rows;
                set.ImportSeconds = Math.Round(result.Import.Elapsed.TotalSeconds, 3);
                set.Updated = status.Now;
                return (true, 0);
            }, cancellationToken).ConfigureAwait(false);
            context.Report(unit, ChromosomeState.Ready, $"{result.Import.Rows} rows");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            bool final = e is BadInputException || dequeueCount >= context.Options.MaxDequeueCount;
            bool superseded = e is ObjectChangedException;
            await status.UpdateAnnotationsAsync(doc =>
            {
                var set = doc.Find(m.Reference, m.Name)!;
                if (set.Claim?.Owner != owner) return (false, 0);
                set.Claim = null;
                if (set.Gff3.ETag == m.Gff3.ETag)
                {
                    set.State = final && !superseded ? ChromosomeState.Failed : ChromosomeState.Queued;
                    if (final && !superseded) set.Error = StatusError.From(e, m.Gff3.Name);
                }
                set.Updated = status.Now;
                return (true, 0);
            }, CancellationToken.None).ConfigureAwait(false);
            context.Report(unit, final && !superseded ? ChromosomeState.Failed : "retry", e.Message);
            if (e is BadInputException or ObjectChangedException) return;
            throw;
        }
    }
}
