using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Datastore;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Sqlite;

namespace Pangy.Core.Build;

/// <summary>
/// The reference walk as <c>step_index.db</c> (§3.4) and <c>steps.mmapindex/</c> (§4.1): one row per reference step
/// with 1-based inclusive bp coordinates, <c>start = pos + 1</c>, <c>end = pos + length</c>.
/// </summary>
/// <remarks>
/// The table is <c>WITHOUT ROWID</c>: the reference's columns, primary key and two indexes, but the rows live in the
/// primary key's b-tree instead of a rowid table plus a separate key index, which saves that index (a quarter of the
/// file). Nothing reads a step row by rowid; a lookup by segment (<c>idx_seg_id</c>) still returns the rows in step
/// order, because the index entries now end with the step where they ended with the rowid, and rows are inserted in
/// step order, so both orders were and are the same. Rows arrive in key order, so the b-tree is filled append-only.
/// </remarks>
internal static class StepIndexWriter
{
    public static void Write(string chromosomeDir, string genome, long startPosition, ReadOnlySpan<long> steps, Func<long, uint> lengthOf, string gfaName,
        CancellationToken cancellationToken = default)
    {
        int n = steps.Length;
        var starts = new uint[n];
        var ends = new uint[n];
        var segs = new uint[n];
        long pos = startPosition;
        for (int i = 0; i < n; i++)
        {
            long seg = PathStep.SegmentId(steps[i]);
            long len = lengthOf(seg);
            long start = pos + 1, end = pos + len;
            if (end > uint.MaxValue || start < 0)
                BadInputException.Throw(gfaName, null, $"reference coordinate {end} at step {i} does not fit the 32-bit step index");
            starts[i] = (uint)start;
            ends[i] = (uint)end;
            segs[i] = (uint)seg;
            pos += len;
        }

        var layout = new ChromosomeLayout(chromosomeDir);
        using (var db = BulkSqliteDatabase.Create(layout.StepIndexDb))
        {
            db.Exec("CREATE TABLE step_index(step INTEGER NOT NULL, seg_id INTEGER NOT NULL, start INTEGER NOT NULL, " +
                    "end INTEGER NOT NULL, genome TEXT NOT NULL, PRIMARY KEY (genome, step)) WITHOUT ROWID");
            var g = Encoding.UTF8.GetBytes(genome);
            using (var insert = db.Insert("step_index", "step", "seg_id", "start", "end", "genome"))
            {
                for (int i = 0; i < n; i++)
                {
                    if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                    insert.Int(i).Int(segs[i]).Int(starts[i]).Int(ends[i]).Text(g);
                    insert.EndRow();
                }
            }
            db.Complete("CREATE INDEX idx_seg_id ON step_index(genome, seg_id)", "CREATE INDEX idx_genome ON step_index(genome, step)");
        }

        IndexDirectoryWriter.Create(StepIndexLayout.Index, layout.IndexDirectory(StepIndexLayout.Index))
            .Write<uint>(StepIndexLayout.Starts, starts)
            .Write<uint>(StepIndexLayout.Ends, ends)
            .Write<uint>(StepIndexLayout.Segments, segs)
            .Finish((StepIndexLayout.LengthKey, n), (StepIndexLayout.GenomeKey, genome));
    }
}
