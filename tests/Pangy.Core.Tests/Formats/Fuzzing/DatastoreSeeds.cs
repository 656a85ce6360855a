using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.Gfa;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Formats.PathBlocks;

namespace Pangy.Core.Tests.Formats.Fuzzing;

/// <summary>
/// Seeds for the datastore's own formats, written by Pangy's writers from DRB1-3123's paths (the steps a build would
/// encode): <c>.npy</c> columns of each dtype the indexes use, <c>.binpath</c> files, and path block files of both
/// versions (a version 2 table's <c>.binpath</c> is kept intact beside it, so the table is what is mutated).
/// </summary>
internal static class DatastoreSeeds
{
    private const int BlockSteps = 256; // small blocks: a seed of a few KB still has a table of several entries

    private static readonly Lazy<long[][]> Paths = new(ReadDrb1Paths);
    private static readonly Dictionary<string, string> V2BinPaths = [];

    public static IReadOnlyList<(string Name, byte[] Bytes)> Npy { get; } = NpySeeds();
    public static IReadOnlyList<(string Name, byte[] Bytes)> BinPaths { get; } = BinPathSeeds();
    public static IReadOnlyList<(string Name, byte[] Bytes)> PathBlocks { get; } = PathBlockSeeds();

    /// <summary>The <c>.binpath</c> a version 2 block seed indexes (null for a self-contained one).</summary>
    public static string? BinPathOf(string seedName) => V2BinPaths.GetValueOrDefault(seedName);

    private static (string, byte[])[] NpySeeds()
    {
        var steps = Paths.Value[0];
        long[] longs = [.. steps.Take(3000)];
        int[] ints = [.. longs.Select(v => (int)(v >> 1))];
        uint[] uints = [.. longs.Select(v => (uint)v)];
        float[] floats = [.. longs.Select(v => v * 0.5f)];
        byte[] bytes = [.. longs.Select(v => (byte)(v & 1))];
        return [("int64-steps.npy", Npy(longs)), ("int32-ids.npy", Npy<int>(ints)), ("uint32-ids.npy", Npy<uint>(uints)),
            ("float32-x.npy", Npy<float>(floats)), ("uint8-orient.npy", Npy<byte>(bytes)), ("int64-empty.npy", Npy<long>([]))];

        static byte[] Npy<T>(T[] data) where T : unmanaged
        {
            var ms = new MemoryStream();
            NpyWriter.Write<T>(ms, data);
            return ms.ToArray();
        }
    }

    private static (string, byte[])[] BinPathSeeds() =>
        [.. Paths.Value.Take(3).Select((p, i) => ($"drb1-{i}.binpath", BinPathWriter.Encode(p)))];

    private static (string, byte[])[] PathBlockSeeds()
    {
        var seeds = new List<(string, byte[])>();
        for (int i = 0; i < 2; i++)
        {
            byte[] binpath = BinPathWriter.Encode(Paths.Value[i]);
            var v1 = new MemoryStream();
            PathBlockWriter.Write(new MemoryStream(binpath), $"drb1-{i}.binpath", v1, null, BlockSteps);
            seeds.Add(($"drb1-{i}.v1.blocks", v1.ToArray()));

            var v2 = new MemoryStream();
            string rewritten = Path.Combine(ReaderTargets.Scratch, $"seed-drb1-{i}.binpath");
            using (var newBinpath = File.Create(rewritten))
                PathBlockWriter.WriteInBinPath(new MemoryStream(binpath), $"drb1-{i}.binpath", newBinpath, v2, null, BlockSteps);
            seeds.Add(($"drb1-{i}.v2.blocks", v2.ToArray()));
            V2BinPaths[$"drb1-{i}.v2.blocks"] = rewritten;
        }
        return [.. seeds];
    }

    /// <summary>The steps (segment id × 2 + reverse) of DRB1-3123's first paths.</summary>
    private static long[][] ReadDrb1Paths()
    {
        var ids = GfaSegmentIds.ForIntegerNames();
        var paths = new List<long[]>();
        var buffer = new long[4096];
        using var r = new GfaReader(File.OpenRead(TestData.Path("drb1", "DRB1-3123.gfa")), "DRB1-3123.gfa");
        for (var k = r.Read(); k != GfaRecordKind.None && paths.Count < 3; k = r.Read())
        {
            if (k == GfaRecordKind.Segment) ids.Add(r.Segment.Name);
            if (k is not (GfaRecordKind.Path or GfaRecordKind.Walk)) continue;
            var steps = new List<long>();
            for (int n; (n = r.ReadSteps(buffer, ids)) > 0;) steps.AddRange(buffer.AsSpan(0, n));
            paths.Add([.. steps]);
        }
        return [.. paths];
    }
}
