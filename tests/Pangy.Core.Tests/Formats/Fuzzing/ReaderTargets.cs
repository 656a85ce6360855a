using System.Text;
using Pangy.Core.Annotations;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.BubbleGunJson;
using Pangy.Core.Formats.ChromAlias;
using Pangy.Core.Formats.ChromSizes;
using Pangy.Core.Formats.Gfa;
using Pangy.Core.Formats.Layout;
using Pangy.Core.Formats.Npy;
using Pangy.Core.Formats.PathBlocks;
using Pangy.Core.Formats.TwoBit;
using Pangy.Core.Pipeline;
using Pangy.Core.Storage;

namespace Pangy.Core.Tests.Formats.Fuzzing;

/// <summary>Every reader of uploaded or delivered bytes, with real seeds from tests/data and a read as Pangy does it.</summary>
internal static class ReaderTargets
{
    public static readonly string Scratch = Directory.CreateTempSubdirectory("pangy-fuzz").FullName;

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("gfa", Files(("mini", "mini_p.gfa"), ("mini", "mini_w.gfa"), ("mini", "mini_bubble.gfa"), ("mini", "mini_compacted_bubble.gfa"), ("drb1", "DRB1-3123.gfa")), ReadGfa),
        new("odgi-tsv", Files(("mini", "mini.odgi.tsv"), ("mini", "mini_bubble.odgi.tsv"), ("layout", "odgi_real.lay.tsv")), ReadLayout),
        new("odgi-lay", Files(("layout", "odgi_real.lay")), ReadLayout),
        new("bandage", Files(("mini", "mini.bandage.json"), ("layout", "bandage_real.layout")), ReadLayout),
        new("gff3", Files(("drb1", "drb1_annotations.gff3")), ReadGff3),
        new("bubblegun-json", Texts(("b.bubblegun.json",
            """{"1": {"chain_id": 1, "ends": ["197", "163"], "bubbles": [{"type": "simple", "id": 1, "ends": ["197", "163"], "inside": ["179", "311"]}], "parent_sb": 3, "parent_chain": 2}, """ +
            "\"2\": {\"chain_id\": 2, \"ends\": [\"5\", \"9\"], \"bubbles\": [{\"type\": \"insertion\", \"id\": 2, \"ends\": [\"5\", \"7\"], \"inside\": [\"6\"]}, {\"type\": \"super\", \"id\": 3, \"ends\": [\"7\", \"9\"], \"inside\": [\"8\", \"10\", \"11\"]}]}}")),
            (b, n, _) => BubbleGunJsonReader.Read(new MemoryStream(b), n)),
        new("dataset-json", Texts(("dataset.json", "{\n  \"ref\": \"GRCh38\",\n  \"path\": \"GRCh38#0\",\n  \"sep\": \"#\",\n  \"offset\": 0,\n  \"annotations\": \"gencode\"\n}\n"),
            ("min.dataset.json", "{\"ref\": \"gi|568815592\", \"offset\": 32578768}")),
            (b, n, _) => DatasetManifest.Parse(b, n)),
        new("event-grid", Texts(("event.json", BlobCreatedEvent.Create("acct", "uploads", "drb1/DRB1.gfa", "https://acct.blob.core.windows.net/uploads/drb1/DRB1.gfa",
            "0x8DC1", 256479, BlobCreatedEvent.LocalSequencer(42), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)))),
            ReadEvents, NamesFile: false),
        new("queue-message", Texts(
            ("build", new BuildMessage("drb1", "DRB1", new ChromosomeInputs(new InputRef("drb1/DRB1.gfa", "0x1"), new InputRef("drb1/DRB1.lay.tsv", "0x2"),
                new InputRef("drb1/dataset.json", "0x3"), new InputRef("drb1/DRB1.bubblegun.json", "0x4"))).ToJson()),
            ("skeleton", new SkeletonMessage("drb1", "DRB1", "0123456789abcdef").ToJson()),
            ("annotation", new AnnotationMessage("GRCh38", "gencode", new InputRef("annotations/GRCh38/gencode.gff3", "0x5")).ToJson())),
            ReadMessage, NamesFile: false),
        new("2bit", Files(("assets", "hg38.p12.mini.2bit"), ("assets", "hg38.p14.mini.2bit")), ReadTwoBit, NamesFile: false),
        new("chrom-alias", Files(("assets", "hg38.p12.mini.chromAlias.txt"), ("assets", "hg19.mini.chromAlias.txt")), (b, n, _) => ChromAliasReader.Read(new MemoryStream(b), n)),
        new("chrom-sizes", Files(("assets", "hg19.mini.chrom.sizes"), ("assets", "hg38.p14.mini.chrom.sizes")), (b, n, _) => ChromSizesReader.Read(new MemoryStream(b), n)),
        // The datastore's own files, as a Query instance reads them from a share that may hold a damaged copy.
        new("npy", DatastoreSeeds.Npy, ReadNpy, NamesFile: false),
        new("binpath", DatastoreSeeds.BinPaths, (b, n, _) => BinPathReader.Decode(new MemoryStream(b), n, _ => { })),
        new("path-blocks", DatastoreSeeds.PathBlocks, ReadPathBlocks, NamesFile: false),
    ];

    private static (string, byte[])[] Files(params (string Folder, string File)[] files) =>
        [.. files.Select(f => ($"{f.Folder}/{f.File}", File.ReadAllBytes(TestData.Path(f.Folder, f.File))))];

    private static (string, byte[])[] Texts(params (string Name, string Text)[] texts) =>
        [.. texts.Select(t => (t.Name, Encoding.UTF8.GetBytes(t.Text)))];

    /// <summary>As the chromosome build reads a GFA: segment names first (integers or renumbering), then every record and step.</summary>
    private static void ReadGfa(byte[] bytes, string name, string caseTag)
    {
        bool integers = true;
        using (var first = new GfaReader(new MemoryStream(bytes), name, bufferSize: 4096))
            for (var k = first.Read(); k != GfaRecordKind.None; k = first.Read())
                if (k == GfaRecordKind.Segment && !GfaSegmentIds.TryParseIntegerName(first.Segment.Name, out _)) integers = false;
        var ids = integers ? GfaSegmentIds.ForIntegerNames() : GfaSegmentIds.ForRenumbering();
        var steps = new long[7];
        using var r = new GfaReader(new MemoryStream(bytes), name, bufferSize: 4096);
        for (var k = r.Read(); k != GfaRecordKind.None; k = r.Read())
        {
            switch (k)
            {
                case GfaRecordKind.Segment:
                    var s = r.Segment;
                    s.TryGetLengthTag(out _);
                    if (ids.Add(s.Name) < 0) throw s.Error($"segment '{s.NameText}' is defined twice");
                    break;
                case GfaRecordKind.Link:
                    var l = r.Link;
                    _ = (l.FromReverse, l.ToReverse, l.From.Length, l.To.Length);
                    break;
                case GfaRecordKind.Path:
                    _ = r.PathLine.ToPathName('#');
                    while (r.ReadSteps(steps, ids) > 0) { }
                    break;
                case GfaRecordKind.Walk:
                    var w = r.WalkLine;
                    _ = (w.Start, w.End, w.ToPathName('#'));
                    while (r.ReadSteps(steps, ids) > 0) { }
                    break;
            }
        }
    }

    private static void ReadLayout(byte[] bytes, string name, string caseTag)
    {
        var table = LayoutReader.Read(new MemoryStream(bytes), name);
        if (table.Kind == LayoutKind.Positional)
            for (int i = 0; i < table.Count; i++) _ = table.GetPositional(i);
        else
            foreach (var _ in table.EnumerateById()) { }
    }

    private static void ReadGff3(byte[] bytes, string name, string caseTag)
    {
        string dir = Path.Combine(Scratch, caseTag);
        try { AnnotationImport.Run(new MemoryStream(bytes), name, dir); }
        finally { Directory.Delete(dir, recursive: true); }
    }

    // What OnUpload does with an event: parse it and take the chromosome key apart from the blob name.
    private static void ReadEvents(byte[] bytes, string seedName, string caseTag)
    {
        foreach (var e in BlobCreatedEvent.ParseMany(Encoding.UTF8.GetString(bytes)))
            _ = UploadName.Classify(e.BlobName);
    }

    // What the handlers do first with a message: parse it and make the keys and names they work on.
    private static void ReadMessage(byte[] bytes, string kind, string caseTag)
    {
        string json = Encoding.UTF8.GetString(bytes);
        switch (kind)
        {
            case "build":
                var b = BuildMessage.Parse(json);
                _ = (new ChromosomeKey(b.Dataset, b.Chromosome), b.Inputs.Key, b.Inputs.Gfa.Name.Length, b.Inputs.Layout.ETag.Length, b.Inputs.Dataset.Name.Length);
                break;
            case "skeleton":
                var s = SkeletonMessage.Parse(json);
                _ = (new ChromosomeKey(s.Dataset, s.Chromosome), s.Build.Length);
                break;
            default:
                var a = AnnotationMessage.Parse(json);
                _ = (a.Reference.Length, a.Name.Length, a.Gff3.Name.Length, a.Gff3.ETag.Length);
                break;
        }
    }

    // Open the file, then read every sequence as the /sequence route would: bounded windows, start and end.
    private static void ReadTwoBit(byte[] bytes, string seedName, string caseTag)
    {
        string path = Path.Combine(Scratch, caseTag + ".2bit");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var r = TwoBitReader.Open(path);
            foreach (var s in r.Sequences)
            {
                long len = s.Length;
                _ = r.ReadString(s.Name, 0, Math.Min(len, 1 << 16));
                _ = r.ReadString(s.Name, Math.Max(0, len - 100), len);
            }
        }
        finally { File.Delete(path); }
    }

    // Open as the dtype the seed was written with (the read model knows each column's type), then touch every element.
    private static void ReadNpy(byte[] bytes, string seedName, string caseTag)
    {
        string path = Path.Combine(Scratch, caseTag + ".npy");
        File.WriteAllBytes(path, bytes);
        try
        {
            switch (Path.GetFileNameWithoutExtension(seedName).Split('-')[0])
            {
                case "int64": Sum<long>(path); break;
                case "int32": Sum<int>(path); break;
                case "uint32": Sum<uint>(path); break;
                case "float32": Sum<float>(path); break;
                default: Sum<byte>(path); break;
            }
        }
        finally { File.Delete(path); }

        static void Sum<T>(string path) where T : unmanaged, System.Numerics.INumber<T>
        {
            using var a = NpyArray<T>.Open(path);
            a.AdviseRandomAccess();
            T total = T.Zero;
            for (long i = 0; i < a.Length; i++) total += a[i];
            _ = total;
        }
    }

    // As region /path-data reads a subpath: open the block table (with its .binpath for version 2), decode every block.
    private static void ReadPathBlocks(byte[] bytes, string seedName, string caseTag)
    {
        string path = Path.Combine(Scratch, caseTag + ".blocks");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var r = PathBlockReader.Open(path, DatastoreSeeds.BinPathOf(seedName));
            var steps = new long[PathBlockFile.DefaultBlockSteps];
            for (int i = 0; i < r.Blocks.Count; i++)
            {
                if (r.Blocks[i].Steps > steps.Length) steps = new long[r.Blocks[i].Steps];
                r.Decode(i, steps);
            }
        }
        finally { File.Delete(path); }
    }
}
