using Pangy.Core.Formats.BubbleGunJson;

namespace Pangy.Core.Bubbles;

/// <summary>
/// The bubbles of one chromosome, from either source (the native finder or an uploaded BubbleGun JSON), carried
/// through chains, nesting and orientation to the point where rows can be written.
/// </summary>
internal sealed class BubbleComputation
{
    private BubbleComputation(BubbleGraphInput input, CompactedGraph graph, BubbleSet set, BubbleChains chains, ResolvedBubbles resolved)
    {
        Input = input; Graph = graph; Set = set; Chains = chains; Resolved = resolved;
    }

    public BubbleGraphInput Input { get; }
    public CompactedGraph Graph { get; }
    public BubbleSet Set { get; }
    public BubbleChains Chains { get; }
    public ResolvedBubbles Resolved { get; }

    /// <summary>Compaction, superbubble search, chains, nesting: the reference's flat BubbleGun port (§6).</summary>
    public static BubbleComputation Native(BubbleGraphInput input, CancellationToken cancellationToken = default)
    {
        var graph = CompactedGraphOf(input, cancellationToken);
        ReleaseTemporaries();
        var set = SuperbubbleFinder.Find(graph.Graph, cancellationToken);
        ReleaseTemporaries();
        var (offsets, members) = ChainAssembler.Connect(set, graph.Graph.NodeCount, cancellationToken);
        var chains = ChainAssembler.Resolve(set, graph.Graph, input, offsets, members, cancellationToken);
        ReleaseTemporaries();
        var resolved = ResolvedBubbles.Create(input, graph, set, chains, cancellationToken);
        ReleaseTemporaries();
        return new BubbleComputation(input, graph, set, chains, resolved);
    }

    /// <summary>
    /// The chains and bubbles of a BubbleGun JSON (§6.6) instead of the finder's; everything the file does not carry is
    /// recomputed from the graph exactly as for native bubbles (see <see cref="BubbleGunImport"/>).
    /// </summary>
    public static BubbleComputation FromBubbleGun(BubbleGraphInput input, BubbleGunDocument document, string fileName,
        CancellationToken cancellationToken = default)
    {
        var graph = CompactedGraphOf(input, cancellationToken);
        ReleaseTemporaries();
        var (set, offsets, members) = BubbleGunImport.ToBubbles(document, fileName, input, graph, cancellationToken);
        var chains = ChainAssembler.Resolve(set, graph.Graph, input, offsets, members, cancellationToken);
        ReleaseTemporaries();
        var resolved = ResolvedBubbles.Create(input, graph, set, chains, cancellationToken);
        ReleaseTemporaries();
        return new BubbleComputation(input, graph, set, chains, resolved);
    }

    private static CompactedGraph CompactedGraphOf(BubbleGraphInput input, CancellationToken cancellationToken)
    {
        var full = BidirectedGraph.FromInput(input, cancellationToken);
        ReleaseTemporaries();   // its link endpoint copies and fill cursors, before compaction adds its own arrays
        return UnitigCompactor.Compact(full, input, cancellationToken);
    }

    // Every phase leaves large int arrays behind (the uncompacted graph, the search's stamp arrays, scratch CSRs).
    // They live on the large object heap, which only a full collection frees, and the runtime rarely starts one on its
    // own in a short batch job. Collecting between phases (here, in the caller, so that no callee frame still holds
    // them) keeps the peak near the live set: on a chr1-sized graph 1.3 GB instead of 1.9 GB, for 2–20 ms a collection
    // (the arrays hold no references, so there is nothing to trace). The aggressive mode also gives the freed memory
    // back to the system: after an ordinary collection it stayed committed for reuse, so the stage's resident size
    // never fell below its largest phase plus that phase's garbage (chr1-sized: 1,274 MB, now 1,011–1,022 MB).
    private static void ReleaseTemporaries() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Written bubbles by kind: (simple, super, insertion).</summary>
    public (int Simple, int Super, int Insertion) CountByKind()
    {
        int simple = 0, super = 0, insertion = 0;
        foreach (int b in Chains.Ordered)
        {
            switch (Set.Kind[b])
            {
                case BubbleKind.Simple: simple++; break;
                case BubbleKind.Super: super++; break;
                default: insertion++; break;
            }
        }
        return (simple, super, insertion);
    }

    /// <summary>
    /// Writes <c>bubbles.db</c> to <paramref name="dbPath"/> and <c>bubbles.mmapindex/</c> to <paramref name="indexDir"/>.
    /// Returns (top-level range entries, layout entries).
    /// </summary>
    public (int RangeEntries, int LayoutEntries) Write(string dbPath, string indexDir, CancellationToken cancellationToken = default)
    {
        var builder = new BubbleRowBuilder(Input, Resolved);
        var index = new BubbleIndexWriter(Input.MaxSegmentId, Resolved.Count, Resolved.Parent.Count(p => p == 0));
        var row = new BubbleRow();
        using (var db = new BubblesDbWriter(dbPath, Input))
        {
            for (int id = 1; id <= Resolved.Count; id++)
            {
                if ((id & 0x3FFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                builder.Fill(id, row);
                db.Write(row);
                index.Add(row);
            }
            ReleaseTemporaries();   // before SQLite sorts the chain index in memory
            db.Complete();
        }
        index.Save(indexDir);
        return (index.RangeEntries, index.LayoutEntries);
    }
}
