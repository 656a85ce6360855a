using Pangy.Core.Formats;
using Pangy.Core.Storage;

namespace Pangy.Core.Pipeline;

/// <summary>
/// The <c>OnUpload</c> handler: one queue message of Event Grid BlobCreated events for the uploads container. Each
/// blob is classified by the upload contract and recorded in its dataset's status (a blob that fits no rule is
/// reported there). Events older than the latest one seen for the same blob (by <c>sequencer</c>) change nothing.
/// A chromosome whose GFA, layout and <c>dataset.json</c> are all present, whichever came last, gets one build
/// message keyed by its inputs' ETags; a new version of any input asks for a new build.
/// </summary>
public sealed class OnUpload(PipelineContext context)
{
    public async Task HandleAsync(string message, CancellationToken cancellationToken = default)
    {
        foreach (var e in BlobCreatedEvent.ParseMany(message))
        {
            // The subscription filters on the uploads container; anything else is not the pipeline's.
            if (e.Container != PipelineNames.UploadsContainer) continue;
            var upload = UploadName.Classify(e.BlobName);
            context.Report(upload.Dataset is { } d ? $"{d}" : e.BlobName, "upload", $"{e.BlobName} {e.ETag}");
            switch (upload.Kind)
            {
                case UploadKind.Annotations:
                    await AnnotationsAsync(e, upload, cancellationToken).ConfigureAwait(false);
                    break;
                case UploadKind.Unknown:
                    await RecordAsync(upload.Dataset ?? StatusBook.UnsortedKey, e, upload.Problem, _ => { }, cancellationToken).ConfigureAwait(false);
                    break;
                case UploadKind.DatasetManifest:
                    await ManifestAsync(e, upload, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await RecordAsync(upload.Dataset!, e, null, doc =>
                    {
                        var c = doc.Chromosome(upload.Chromosome!);
                        var input = new InputRef(e.BlobName, e.ETag);
                        switch (upload.Kind)
                        {
                            case UploadKind.Gfa: c.Gfa = input; break;
                            case UploadKind.Layout: c.Layout = input; break;
                            case UploadKind.BubbleGun: c.BubbleGun = input; break;
                        }
                    }, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task ManifestAsync(BlobCreatedEvent e, UploadName upload, CancellationToken ct)
    {
        DatasetManifest manifest;
        try
        {
            await using var stream = await context.Uploads.OpenReadAsync(e.BlobName, e.ETag, ct).ConfigureAwait(false);
            manifest = await DatasetManifest.ReadAsync(stream, e.BlobName, ct).ConfigureAwait(false);
        }
        catch (ObjectChangedException)
        {
            // A newer version exists; its own event follows (or came first and was recorded).
            return;
        }
        catch (FileNotFoundException)
        {
            return;
        }
        catch (BadInputException bad)
        {
            // Reported on the upload; chromosomes keep the manifest they were built with.
            await RecordAsync(upload.Dataset!, e, bad.Message, _ => { }, ct).ConfigureAwait(false);
            return;
        }
        await RecordAsync(upload.Dataset!, e, null, doc =>
        {
            doc.Manifest = new InputRef(e.BlobName, e.ETag);
            doc.Annotations = manifest.Annotations;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Records the event's blob (unless the event is stale), applies <paramref name="apply"/>, then sends the builds now due.</summary>
    private async Task RecordAsync(string dataset, BlobCreatedEvent e, string? problem, Action<DatasetStatusDocument> apply, CancellationToken ct)
    {
        var builds = await context.Status.UpdateDatasetAsync(dataset, doc =>
        {
            var now = context.Status.Now;
            var seen = doc.Upload(e.BlobName);
            bool fresh = seen is null || (seen.ETag != e.ETag && BlobCreatedEvent.IsAfter(e.Sequencer, seen.Sequencer));
            if (fresh)
            {
                if (seen is null) doc.Uploads.Add(seen = new UploadRecord { Name = e.BlobName, ETag = e.ETag, Sequencer = e.Sequencer });
                seen.ETag = e.ETag;
                seen.Sequencer = e.Sequencer;
                seen.Problem = problem;
                doc.Uploads.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                apply(doc);
            }
            var due = new List<BuildMessage>();
            foreach (var c in doc.Chromosomes)
            {
                if (c.Gfa is null || c.Layout is null || doc.Manifest is null)
                {
                    if (c.Wanted is null && c.State != ChromosomeState.Waiting) { c.State = ChromosomeState.Waiting; c.Updated = now; fresh = true; }
                    continue;
                }
                var inputs = new ChromosomeInputs(c.Gfa, c.Layout, doc.Manifest, c.BubbleGun);
                string key = inputs.Key;
                if (key != c.Wanted)
                {
                    c.Inputs = inputs;
                    c.Wanted = key;
                    c.State = ChromosomeState.Queued;
                    c.Error = null;
                    c.Updated = now;
                    fresh = true;
                }
                // A chromosome still queued is asked for again: the message may have been lost after the last write
                // (a crash before the send); a duplicate costs nothing, the build handler ignores it.
                if (c.State == ChromosomeState.Queued) due.Add(new BuildMessage(doc.Dataset, c.Chromosome, inputs));
            }
            return (fresh, due);
        }, ct).ConfigureAwait(false);
        var queue = context.Queues.Get(PipelineNames.BuildsQueue);
        foreach (var b in builds)
        {
            await queue.SendAsync(b.ToJson(), null, ct).ConfigureAwait(false);
            context.Report($"{b.Dataset}/{b.Chromosome}", ChromosomeState.Queued, b.Inputs.Key);
        }
    }

    private async Task AnnotationsAsync(BlobCreatedEvent e, UploadName upload, CancellationToken ct)
    {
        var input = new InputRef(e.BlobName, e.ETag);
        bool send = await context.Status.UpdateAnnotationsAsync(doc =>
        {
            var set = doc.Find(upload.Reference!, upload.SetName!);
            if (set is null)
            {
                doc.Sets.Add(new AnnotationSetStatus
                {
                    Reference = upload.Reference!, Name = upload.SetName!, Gff3 = input, Sequencer = e.Sequencer, Updated = context.Status.Now,
                });
                return (true, true);
            }
            if (set.Gff3.ETag == e.ETag || !BlobCreatedEvent.IsAfter(e.Sequencer, set.Sequencer))
                return (false, set.State == ChromosomeState.Queued && set.Gff3.ETag == e.ETag);
            set.Gff3 = input;
            set.Sequencer = e.Sequencer;
            set.State = ChromosomeState.Queued;
            set.Error = null;
            set.Updated = context.Status.Now;
            return (true, true);
        }, ct).ConfigureAwait(false);
        if (!send) return;
        await context.Queues.Get(PipelineNames.AnnotationsQueue)
            .SendAsync(new AnnotationMessage(upload.Reference!, upload.SetName!, input).ToJson(), null, ct).ConfigureAwait(false);
        context.Report($"annotations {upload.Reference}/{upload.SetName}", ChromosomeState.Queued, e.ETag);
    }
}
