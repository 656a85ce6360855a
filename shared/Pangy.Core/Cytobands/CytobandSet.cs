using System.Collections.Concurrent;
using Pangy.Core.Formats.Compression;

namespace Pangy.Core.Cytobands;

/// <summary>
/// The ideogram the server shows (reference <c>app.py: setup_cytoband</c>, §9.2): a canonical chromosome order
/// (which is also what <c>/chromosomes</c> lists) and the bands of each canonical chromosome (<c>/cytoband</c>).
/// Chosen by organism, as the reference's <c>ORGANISM</c> setting: <c>human-hg38</c> (the default) and
/// <c>human-t2t</c> (alias <c>human-chm13</c>) are bundled; <c>none</c> gives no chromosomes and no bands; a custom
/// pair of files is loaded with <see cref="LoadCustom"/> (<c>ORGANISM=custom</c>).
/// </summary>
/// <remarks>
/// The reference also bundles mouse (mm39), fruitfly (dm6), zebrafish (danRer11), chicken (galGal6), rabbit (oryCun2)
/// and dog (canFam3). Pangy does not have those files, so those organisms are a clear error naming what is bundled;
/// give their UCSC <c>cytoBand.txt</c> and a canonical list as a custom pair instead. Where the reference falls back
/// silently (an unknown organism → no ideogram), Pangy refuses, so that a typo is seen.
/// Instances are immutable and safe to share; bundled sets are parsed once per process.
/// </remarks>
public sealed class CytobandSet
{
    /// <summary>The organism used when none is configured.</summary>
    public const string DefaultOrganism = "human-hg38";

    /// <summary>No ideogram: no canonical chromosomes, no bands.</summary>
    public const string NoOrganism = "none";

    /// <summary>The organism name of a set loaded from a custom pair of files.</summary>
    public const string CustomOrganism = "custom";

    // Organism → genome of the bundled files (Cytobands/Data/{genome}.cytoBand.txt and .canonical.txt).
    private static readonly Dictionary<string, string> Bundled = new(StringComparer.Ordinal)
    {
        ["human-hg38"] = "hg38",
        ["human-t2t"] = "chm13",
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["human-chm13"] = "human-t2t",
    };

    // The reference's other organisms, whose files Pangy does not bundle.
    private static readonly Dictionary<string, string> NotBundled = new(StringComparer.Ordinal)
    {
        ["mouse"] = "mm39",
        ["fruitfly"] = "dm6",
        ["zebrafish"] = "danRer11",
        ["chicken"] = "galGal6",
        ["rabbit"] = "oryCun2",
        ["dog"] = "canFam3",
    };

    private static readonly ConcurrentDictionary<string, CytobandSet> Cache = new(StringComparer.Ordinal);

    private readonly Dictionary<string, CytobandBand[]> _bands;

    private CytobandSet(string organism, string? genome, IReadOnlyList<string> canonical, IReadOnlyList<KeyValuePair<string, CytobandBand[]>> bands)
    {
        Organism = organism;
        Genome = genome;
        Canonical = canonical;
        Chromosomes = bands.Select(kv => kv.Key).ToArray();
        _bands = new Dictionary<string, CytobandBand[]>(bands, StringComparer.Ordinal);
    }

    /// <summary>The organism (<c>human-hg38</c>, <c>human-t2t</c>, <c>custom</c> or <c>none</c>).</summary>
    public string Organism { get; }

    /// <summary>The genome of a bundled set (<c>hg38</c>, <c>chm13</c>); null for custom and none.</summary>
    public string? Genome { get; }

    /// <summary>The canonical chromosome order (the canonical file's lines).</summary>
    public IReadOnlyList<string> Canonical { get; }

    /// <summary>The chromosomes that have bands, in the order they first appear in the cytoBand file.</summary>
    public IReadOnlyList<string> Chromosomes { get; }

    /// <summary>The bands of <paramref name="chrom"/>; empty when it has none.</summary>
    public IReadOnlyList<CytobandBand> BandsOf(string chrom) =>
        chrom is not null && _bands.TryGetValue(chrom, out var b) ? b : [];

    /// <summary>True when <paramref name="chrom"/> has bands (what <c>/cytoband?chromosome=</c> answers 200 for).</summary>
    public bool Has(string chrom) => chrom is not null && _bands.ContainsKey(chrom);

    /// <summary>The organisms <see cref="Load"/> accepts.</summary>
    public static IReadOnlyList<string> KnownOrganisms { get; } = [.. Bundled.Keys, .. Aliases.Keys, NoOrganism];

    /// <summary>
    /// The bundled ideogram of <paramref name="organism"/> (null means <see cref="DefaultOrganism"/>), or the empty
    /// one for <c>none</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The organism is unknown, not bundled, or <c>custom</c> (use <see cref="LoadCustom"/>).</exception>
    public static CytobandSet Load(string? organism = DefaultOrganism)
    {
        organism ??= DefaultOrganism;
        if (Aliases.TryGetValue(organism, out var canonicalName)) organism = canonicalName;
        if (organism == NoOrganism) return Cache.GetOrAdd(NoOrganism, _ => new CytobandSet(NoOrganism, null, [], []));
        if (Bundled.TryGetValue(organism, out var genome)) return Cache.GetOrAdd(organism, o => LoadBundled(o, genome));
        string known = string.Join(", ", KnownOrganisms);
        if (organism == CustomOrganism)
            throw new ArgumentException($"organism 'custom' needs a cytoband file and a canonical list (CYTOBAND_PATH and CANONICAL_PATH); known organisms: {known}", nameof(organism));
        if (NotBundled.TryGetValue(organism, out var g))
            throw new ArgumentException($"organism '{organism}' ({g}) is not bundled with Pangy (bundled: {known}); give its {g} cytoBand.txt and a canonical list as organism 'custom'", nameof(organism));
        throw new ArgumentException($"unknown organism '{organism}'; known organisms: {known}, or 'custom' with a cytoband file and a canonical list", nameof(organism));
    }

    /// <summary>An ideogram from a UCSC cytoBand file and a canonical list (plain or gzip), <c>ORGANISM=custom</c>.</summary>
    /// <exception cref="Formats.BadInputException">A file cannot be used (file, line, reason).</exception>
    public static CytobandSet LoadCustom(string cytobandPath, string canonicalPath)
    {
        ArgumentNullException.ThrowIfNull(cytobandPath);
        ArgumentNullException.ThrowIfNull(canonicalPath);
        IReadOnlyList<string> canonical;
        using (var s = new StreamReader(InputStreams.OpenFile(canonicalPath))) canonical = CytobandReader.ReadCanonical(s);
        using var c = new StreamReader(InputStreams.OpenFile(cytobandPath));
        return new CytobandSet(CustomOrganism, null, canonical, CytobandReader.ReadBands(c, cytobandPath, canonical));
    }

    /// <summary>An ideogram from two readers (the caller owns them).</summary>
    public static CytobandSet Parse(TextReader cytoband, string cytobandName, TextReader canonical, string organism = CustomOrganism, string? genome = null)
    {
        var list = CytobandReader.ReadCanonical(canonical);
        return new CytobandSet(organism, genome, list, CytobandReader.ReadBands(cytoband, cytobandName, list));
    }

    private static CytobandSet LoadBundled(string organism, string genome)
    {
        using var canonical = OpenResource($"{genome}.canonical.txt");
        using var bands = OpenResource($"{genome}.cytoBand.txt");
        return Parse(bands, $"{genome}.cytoBand.txt (bundled)", canonical, organism, genome);
    }

    private static StreamReader OpenResource(string fileName)
    {
        var stream = typeof(CytobandSet).Assembly.GetManifestResourceStream("Pangy.Core.Cytobands." + fileName)
            ?? throw new InvalidOperationException($"bundled cytoband file {fileName} is missing from the assembly");
        return new StreamReader(stream);
    }
}
